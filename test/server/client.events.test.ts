import { describe, expect, it } from 'vitest';
import { eventTime } from '../../server/routes/client/events.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { cid, DAY_MS, postInit, seedGuide, seedProject, eachTestServer, type TestServer } from './helpers.ts';

describe('POST /api/v1/client/:projectKey/events', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

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

  describe('guide and track events', () => {
    const guideEvent = (id: string, fields: Record<string, unknown>) => ({ id: cid(id), type: 'guide_shown', userId: 'user-1', ...fields });

    it('stores guide, step and track events with their fields', async () => {
      const guide = await seedGuide(t.store, project.id);
      const res = await send([
        guideEvent('guide1', { guideId: guide.id }),
        guideEvent('step1', { type: 'guide_step_shown', guideId: guide.id, stepIndex: 2 }),
        guideEvent('missing1', { type: 'guide_target_missing', guideId: guide.id, stepIndex: 1 }),
        { id: cid('track1'), type: 'track', name: 'invoice.created', userId: 'user-1', props: { amount: 348000, currency: 'JPY' } },
        { id: cid('track2'), type: 'track', name: 'export:csv', userId: 'user-1' },
      ]);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: 5 });
      expect(t.count('events', `guide_id = '${guide.id}' AND survey_id IS NULL`)).toBe(3);
      expect(t.count('events', `type = 'guide_step_shown' AND step_index = 2`)).toBe(1);
      expect(t.count('events', `type = 'track' AND name = 'invoice.created' AND props = '{"amount":348000,"currency":"JPY"}'`)).toBe(1);
      expect(t.count('events', `type = 'track' AND name = 'export:csv' AND props IS NULL`)).toBe(1);
    });

    it('refuses a whole batch with 404 naming each unknown guide, storing none of it and moving no progress', async () => {
      const guide = await seedGuide(t.store, project.id);
      const { project: other } = await seedProject(t.store);
      const foreign = await seedGuide(t.store, other.id);
      const res = await send([
        guideEvent('good1', { guideId: guide.id }),
        guideEvent('bad1', { type: 'guide_completed', guideId: foreign.id }),
        guideEvent('bad2', { type: 'guide_step_shown', guideId: 'gd_missing', stepIndex: 0 }),
      ]);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: { code: 'guide_not_found', issues: [{ path: 'events.1.guideId' }, { path: 'events.2.guideId' }] },
      });
      expect(t.count('events')).toBe(0);
      expect(t.count('guide_progress')).toBe(0);
    });

    it('answers 400 naming events.N.stepIndex for a step the guide does not have, storing nothing', async () => {
      const guide = await seedGuide(t.store, project.id);
      const res = await send([guideEvent('ok1', { guideId: guide.id }), guideEvent('past1', { type: 'guide_step_shown', guideId: guide.id, stepIndex: 3 })]);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'events.1.stepIndex', message: 'the guide has 3 steps (0–2)' }] } });
      expect(t.count('events')).toBe(0);
    });

    it('moves progress once per event id, however often the event is re-sent', async () => {
      const guide = await seedGuide(t.store, project.id, { frequency: 'always' });
      const shown = guideEvent('shown1', { guideId: guide.id });
      await send([shown, guideEvent('step1', { type: 'guide_step_shown', guideId: guide.id, stepIndex: 2 }), guideEvent('done1', { type: 'guide_completed', guideId: guide.id })]);
      // A re-sent guide_shown would restart a finished always guide if it were applied again.
      expect((await send([shown])).status).toBe(202);
      expect((await t.store.guides.progressOf(project.id, 'user-1')).get(guide.id)).toEqual({ stepIndex: 2, status: 'completed' });
    });

    it.each([
      ['a guide event without guideId', [{ id: 'event_001', type: 'guide_shown', userId: 'u' }], 'events.0.guideId'],
      ['a step event without stepIndex', [{ id: 'event_001', type: 'guide_step_shown', guideId: 'g', userId: 'u' }], 'events.0.stepIndex'],
      ['a negative stepIndex', [{ id: 'event_001', type: 'guide_step_completed', guideId: 'g', userId: 'u', stepIndex: -1 }], 'events.0.stepIndex'],
      ['a track name with spaces', [{ id: 'event_001', type: 'track', name: 'invoice created', userId: 'u' }], 'events.0.name'],
    ])('answers 400 invalid_body for %s, naming %s', async (_label, events, path) => {
      const res = await send(events);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { issues: Array<{ path: string }> } };
      expect(body.error.issues.map((i) => i.path)).toContain(path);
    });
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
