import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { retentionJob } from '../../server/scheduler/retention-job.ts';
import { startScheduler } from '../../server/scheduler/runner.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import type { SurveyComment } from '../../shared/schemas/comment.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { ADMIN_TOKEN, DAY_MS, adminInit, cid, eachTestServer, makeTempDir, newAnswer, postInit, seedProject, type TestServer } from './helpers.ts';

describe('retention setting and run', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const patch = (body: unknown) => t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', body));
  const read = async () => (await (await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('GET'))).json()) as Project;

  it('is off by default, set and cleared through PATCH, and refuses too short or long a period naming the field', async () => {
    expect(await read()).toMatchObject({ retentionDays: null, retentionLastRun: null });
    const res = await patch({ retentionDays: 90 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Project).retentionDays).toBe(90);
    for (const retentionDays of [29, 3651, 1.5, '90']) {
      const bad = await patch({ retentionDays });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)).toEqual(['retentionDays']);
    }
    expect((await read()).retentionDays).toBe(90);
    expect(((await (await patch({ retentionDays: null })).json()) as Project).retentionDays).toBeNull();
  });

  it('run by the scheduler, deletes old events and comments and shows its last run on the project', async () => {
    const now = new Date('2026-12-06T03:00:00Z');
    const old = new Date(now.getTime() - 40 * DAY_MS);
    await t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid('old'), comment: 'old words', at: old }));
    await t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid('new'), comment: 'new words', at: now }));
    await t.store.events.record(project.id, [{ clientId: cid('ev'), type: 'survey_shown', surveyId: survey.id, userId: 'user', at: old }]);
    await patch({ retentionDays: 30 });

    const scheduler = startScheduler({ leases: t.store.jobs, jobs: [retentionJob(t.store)], log: () => {}, now: () => now });
    await scheduler.tick();
    await scheduler.stop();

    expect((await read()).retentionLastRun).toEqual({ at: now.toISOString(), events: 1, comments: 1 });
    const comments = (await (await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments`, adminInit('GET'))).json()) as { items: SurveyComment[] };
    expect(comments.items.map((c) => c.comment)).toEqual(['new words']);
  });
});

describe('retention in a running server', () => {
  let server: RunningServer | undefined;
  const dir = makeTempDir();
  afterEach(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs on the server’s own scheduler', async () => {
    // The scheduler's clock is 31 days ahead: an answer given now is past a 30-day retention.
    let clock = Date.now() + 31 * DAY_MS;
    server = await startServer({
      port: 0,
      dbFile: join(dir, 'kizuna.sqlite'),
      widgetDir: join(dir, 'widget'),
      consoleDir: join(dir, 'console'),
      rateLimitPerMinute: 600,
      trustProxy: false,
      adminToken: ADMIN_TOKEN,
      logger: createLogger({ level: 'silent' }),
      scheduler: { tickMs: 50, now: () => new Date(clock) },
    });
    const api = (path: string, init: RequestInit) => fetch(`${server!.url}/api/v1/admin${path}`, init);
    const project = (await (await api('/projects', adminInit('POST', { name: 'Acme' }))).json()) as Project;
    const survey = (await (await api(`/projects/${project.id}/surveys`, adminInit('POST', { name: 'NPS', touchpoints: [{ key: 'support', label: 'Support' }] }))).json()) as Survey;
    const answer = { id: cid('a1'), surveyId: survey.id, userId: 'u', score: 3, comment: 'slow' };
    expect((await fetch(`${server.url}/api/v1/client/${project.key}/responses`, postInit(answer))).status).toBe(201);
    await api(`/projects/${project.id}`, adminInit('PATCH', { retentionDays: 30 }));
    // The job may have run before retention was on: the next run is an hour later.
    clock += 60 * 60_000;

    await vi.waitFor(
      async () => {
        const read = (await (await api(`/projects/${project.id}`, adminInit('GET'))).json()) as Project;
        expect(read.retentionLastRun).toMatchObject({ comments: 1 });
      },
      { timeout: 5000, interval: 50 },
    );
  });
});
