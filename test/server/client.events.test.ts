import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventTime } from '../../server/routes/client/events.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { cid, DAY_MS, makeTestServer, postInit, seedProject, type TestServer } from './helpers.ts';

describe('POST /api/v1/client/:projectKey/events', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;

  beforeEach(async () => {
    t = makeTestServer();
    ({ project, survey } = await seedProject(t.store));
  });
  afterEach(() => t.close());

  const event = (id: string, fields: Record<string, unknown> = {}) => ({ id: cid(id), type: 'survey_shown', surveyId: survey.id, userId: 'user-1', ...fields });
  const send = (events: unknown[], options?: Parameters<typeof postInit>[1]) => t.app.request(`/api/v1/client/${project.key}/events`, postInit({ events }, options));

  it('answers 202 with the number of events accepted and stores them', async () => {
    const res = await send([event('shown1'), event('dismiss1', { type: 'survey_dismissed' })]);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2 });
    expect(t.count('events')).toBe(2);
  });

  it('stores each event id once, however often the batch is retried', async () => {
    await send([event('shown1'), event('shown2')]);
    const retry = await send([event('shown2'), event('shown3')]);
    expect(retry.status).toBe(202);
    expect(await retry.json()).toEqual({ accepted: 2 });
    expect(t.count('events')).toBe(3);
  });

  it('refuses a whole batch with 404 when one event names an unknown survey, storing none of it', async () => {
    const { survey: foreign } = await seedProject(t.store);
    const res = await send([event('good1'), event('bad1', { surveyId: foreign.id }), event('bad2', { surveyId: 'srv_missing' })]);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'survey_not_found', issues: [{ path: 'events.1.surveyId' }, { path: 'events.2.surveyId' }] },
    });
    expect(t.count('events')).toBe(0);
  });

  it.each([
    ['an empty batch', [], 'events'],
    ['an unknown event type', [{ id: 'event_001', type: 'survey_clicked', surveyId: 's', userId: 'u' }], 'events.0.type'],
    ['a bad event id', [{ id: 'x', type: 'survey_shown', surveyId: 's', userId: 'u' }], 'events.0.id'],
    ['more than 50 events', Array.from({ length: 51 }, (_, i) => ({ id: `event_${i}_xx`, type: 'survey_shown', surveyId: 's', userId: 'u' })), 'events'],
  ])('answers 400 invalid_body for %s, naming %s', async (_label, events, path) => {
    const res = await send(events);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.issues.map((i) => i.path)).toContain(path);
    expect(t.count('events')).toBe(0);
  });

  it('keeps the client’s time for an event from the last 7 days', async () => {
    const at = Date.now() - 3 * DAY_MS;
    await send([event('dismiss1', { type: 'survey_dismissed', at })]);
    expect((await t.store.events.lastDismissedAt(project.id, 'user-1')).get(survey.id)).toBe(at);
  });

  it('uses server time for an event dated in the future or more than 7 days ago', async () => {
    const before = Date.now();
    await send([event('future1', { type: 'survey_dismissed', userId: 'a', at: before + DAY_MS })]);
    await send([event('ancient1', { type: 'survey_dismissed', userId: 'b', at: before - 30 * DAY_MS })]);
    const after = Date.now();
    for (const user of ['a', 'b']) {
      const stored = (await t.store.events.lastDismissedAt(project.id, user)).get(survey.id)!;
      expect(stored).toBeGreaterThanOrEqual(before);
      expect(stored).toBeLessThanOrEqual(after);
    }
  });
});

describe('eventTime', () => {
  const now = 1_750_000_000_000;
  it.each([
    ['no client time', undefined, now],
    ['a time an hour ago', now - 3_600_000, now - 3_600_000],
    ['exactly 7 days ago', now - 7 * DAY_MS, now - 7 * DAY_MS],
    ['just over 7 days ago', now - 7 * DAY_MS - 1, now],
    ['a future time', now + 1, now],
  ])('takes %s as %s', (_label, at, expected) => {
    expect(eventTime(at, now)).toBe(expected);
  });
});
