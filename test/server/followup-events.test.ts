import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { answerEvents, followupEvents } from '../../server/delivery/events.ts';
import { overdueJob } from '../../server/delivery/overdue-job.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { webhookEnvelope, type WebhookEnvelope } from '../../shared/schemas/webhook.ts';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhook-events.ts';
import { DAY_MS, makeTempDir, newAnswer, seedProject } from './helpers.ts';

const URL = 'https://kizuna.example.com';

describe('events of follow-ups', () => {
  let dir: string;
  let store: Store;
  let project: Project;
  let survey: Survey;
  beforeEach(async () => {
    dir = makeTempDir();
    store = openSqliteStore(join(dir, 'kizuna.sqlite'));
    ({ project, survey } = await seedProject(store));
    await store.webhooks.create(project.id, { url: 'https://hooks.example.com/x', events: [...WEBHOOK_EVENT_TYPES], format: 'standard', description: null, active: true, secret: 'whsec_x' }, new Date());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let claims = 0;
  const emitted = async (at = Date.now() + 365 * DAY_MS): Promise<WebhookEnvelope[]> =>
    (await store.outbox.claim(`t${++claims}`, new Date(at), 3_600_000, 100)).map((d) => webhookEnvelope.parse(d.envelope));
  const detractor = async (at: Date) => {
    await store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: `c_${at.getTime()}`, userId: 'u1', score: 2, at }), answerEvents(survey, URL));
    const { items } = await store.followups.list(project.id, { limit: 1 });
    return items[0]!;
  };

  it('an update emits followup.updated with each real change and who made it; a no-op emits nothing', async () => {
    const followup = await detractor(new Date());
    await emitted();
    const at = new Date();
    await store.followups.update(followup.id, { status: 'in_progress', assignee: 'aiko@example.com', note: 'Called, will retry' }, 'lead@example.com', at, followupEvents(URL));
    const [event] = await emitted();
    expect(event).toMatchObject({
      type: 'followup.updated',
      projectId: project.id,
      createdAt: at.toISOString(),
      data: {
        followup: { id: followup.id, status: 'in_progress', assignee: 'aiko@example.com', score: 2, userId: 'u1', consoleUrl: `${URL}/admin/inbox/${followup.id}` },
        changes: [
          { field: 'status', from: 'open', to: 'in_progress' },
          { field: 'assignee', from: null, to: 'aiko@example.com' },
          { field: 'note', from: null, to: 'Called, will retry' },
        ],
        actor: 'lead@example.com',
      },
    });
    await store.followups.update(followup.id, { status: 'in_progress' }, 'lead@example.com', new Date(), followupEvents(URL));
    expect(await emitted()).toEqual([]);
  });

  it('the overdue job emits followup.overdue once per follow-up and due date, only once it is past due and not resolved', async () => {
    const answeredAt = new Date(Date.now() - 10 * DAY_MS);
    const followup = await detractor(answeredAt);
    const resolved = await detractor(new Date(answeredAt.getTime() + 1));
    await store.followups.update(resolved.id, { status: 'resolved' }, 'x', new Date());
    await emitted();
    let woken = 0;
    const job = overdueJob(store, { publicUrl: URL, wake: () => woken++ });

    // First run on a new database looks back a day: move the due date into that window.
    const newDue = new Date(Date.now() - 60_000);
    await store.followups.update(followup.id, { dueAt: newDue.toISOString() }, 'x', new Date());
    expect(await job.run(new Date(newDue.getTime() - 1))).toBe(0);
    expect(await job.run(new Date())).toBe(1);
    expect(await job.run(new Date())).toBe(0);
    const events = await emitted();
    expect(events).toMatchObject([{ type: 'followup.overdue', createdAt: newDue.toISOString(), data: { followup: { id: followup.id, dueAt: newDue.toISOString() } } }]);
    expect(woken).toBe(1);

    // A new due date that passes is a new occurrence.
    const later = new Date(Date.now() + 1_000);
    await store.followups.update(followup.id, { dueAt: later.toISOString() }, 'x', new Date());
    expect(await job.run(new Date(later.getTime() + 1))).toBe(1);
    expect(await job.run(new Date(later.getTime() + 60_000))).toBe(0);
  });
});
