import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { categorize } from '../../shared/score.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { SEEN_INTERVAL_MS } from '../../server/data/store.ts';
import { cid, DAY_MS, postInit, seedProject, TOUCHPOINTS, eachTestServer, type TestServer } from './helpers.ts';

describe('GET /api/v1/client/:projectKey/state and /surveys/:surveyId', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store, { recontactDays: 30 }), (s) => ({ t, project, survey } = s));

  const state = async (userId = 'user-1') => {
    const res = await t.app.request(`/api/v1/client/${project.key}/state?userId=${encodeURIComponent(userId)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { surveys: Array<Record<string, unknown>> }).surveys;
  };
  const answeredAt = (at: number, userId = 'user-1') =>
    t.store.responses.record({
      projectId: project.id,
      surveyId: survey.id,
      clientId: cid(`a${at}`),
      userId,
      score: 9,
      category: categorize(9),
      factors: {},
      comment: null,
      locale: null,
      url: null,
      attributes: null,
      openFollowup: false,
      at: new Date(at),
    });
  const dismissedAt = (at: number, userId = 'user-1') =>
    t.store.events.record(project.id, [{ clientId: cid(`d${at}`), type: 'survey_dismissed', surveyId: survey.id, userId, at: new Date(at) }]);

  it('offers an active survey to a new user with only what the widget needs', async () => {
    expect(await state()).toEqual([
      { id: survey.id, question: survey.question, touchpoints: TOUCHPOINTS, delaySeconds: 5, recontactDays: 30, sampleRate: 1, audience: null, priority: 0 },
    ]);
  });

  it('does not offer a survey answered within recontactDays, and offers it again after', async () => {
    await answeredAt(Date.now() - 29 * DAY_MS);
    expect(await state()).toEqual([]);
    expect(await state('user-2')).toHaveLength(1);
  });

  it('offers a survey again once recontactDays have passed since the last answer', async () => {
    await answeredAt(Date.now() - 31 * DAY_MS);
    expect(await state()).toHaveLength(1);
  });

  it('does not offer a survey dismissed within 14 days, and offers it after', async () => {
    await dismissedAt(Date.now() - 13 * DAY_MS);
    expect(await state()).toEqual([]);
    await dismissedAt(Date.now() - 15 * DAY_MS, 'user-2');
    expect(await state('user-2')).toHaveLength(1);
  });

  it('learns of a dismissal sent through the events API', async () => {
    await t.app.request(`/api/v1/client/${project.key}/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ events: [{ id: cid('dismiss'), type: 'survey_dismissed', surveyId: survey.id, userId: 'user-1' }] }),
    });
    expect(await state()).toEqual([]);
  });

  it('does not offer a survey with sampleRate 0, nor an inactive one', async () => {
    await t.store.surveys.update(survey.id, { sampleRate: 0 });
    expect(await state()).toEqual([]);
    await t.store.surveys.update(survey.id, { sampleRate: 1, active: false });
    expect(await state()).toEqual([]);
  });

  it('answers 400 naming userId when it is missing', async () => {
    const res = await t.app.request(`/api/v1/client/${project.key}/state`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'userId' }] } });
  });

  it('answers 404 project_not_found for an unknown key', async () => {
    const res = await t.app.request('/api/v1/client/pk_nope/state?userId=u');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'project_not_found' } });
  });

  it('serves one active survey by id for kizuna("show", id)', async () => {
    const res = await t.app.request(`/api/v1/client/${project.key}/surveys/${survey.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: survey.id, touchpoints: TOUCHPOINTS });
  });

  it('answers 404 for an unknown, inactive or foreign survey id', async () => {
    const { survey: foreign } = await seedProject(t.store);
    const inactive = await t.store.surveys.create(project.id, { ...survey, active: false });
    for (const id of ['srv_nope', foreign.id, inactive.id]) {
      const res = await t.app.request(`/api/v1/client/${project.key}/surveys/${id}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'survey_not_found' } });
    }
  });

  describe('install check: where the widget was last seen', () => {
    // Only Date is faked: the group commit still runs on real setImmediate.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    const aMinuteLater = () => vi.setSystemTime(Date.now() + SEEN_INTERVAL_MS);
    const lastSeen = async () => (await t.store.projects.get(project.id))!.lastSeen;
    const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.request(`/api/v1/client/${project.key}/state`, postInit({ userId: 'user-1', ...body }, { headers }));

    it('records the page the widget sends, without its query and fragment, with the time', async () => {
      expect(await lastSeen()).toBeNull();
      const before = Date.now();
      const res = await post({ url: 'https://app.acme.test/invoices/42?token=secret#top' }, { referer: 'https://app.acme.test/' });
      expect(res.status).toBe(200);
      const seen = await lastSeen();
      expect(seen?.url).toBe('https://app.acme.test/invoices/42');
      expect(Date.parse(seen!.at)).toBeGreaterThanOrEqual(before - 1);
    });

    it('falls back to the Referer, then the Origin; GET counts too', async () => {
      await t.app.request(`/api/v1/client/${project.key}/state?userId=u`, { headers: { referer: 'https://app.acme.test/settings?tab=1' } });
      expect((await lastSeen())?.url).toBe('https://app.acme.test/settings');
      aMinuteLater();
      await post({}, { origin: 'https://app.acme.test' });
      expect((await lastSeen())?.url).toBe('https://app.acme.test/');
    });

    it('writes at most once a minute, and nothing without a page', async () => {
      await post({ url: 'https://app.acme.test/a' });
      const first = await lastSeen();
      vi.setSystemTime(Date.now() + SEEN_INTERVAL_MS - 1);
      await post({ url: 'https://app.acme.test/b' });
      expect(await lastSeen()).toEqual(first);
      vi.setSystemTime(Date.now() + 1);
      await post({ url: 'https://app.acme.test/c' });
      expect(await lastSeen()).toEqual({ url: 'https://app.acme.test/c', at: new Date(Date.parse(first!.at) + SEEN_INTERVAL_MS).toISOString() });

      const { project: quiet } = await seedProject(t.store);
      await t.app.request(`/api/v1/client/${quiet.key}/state`, postInit({ userId: 'u', url: 'javascript:alert(1)' }, { headers: { origin: 'null' } }));
      expect((await t.store.projects.get(quiet.id))!.lastSeen).toBeNull();
    });

    it('answers 400 naming url for a url that is not one', async () => {
      const res = await post({ url: 'not a url' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'url' }] } });
    });
  });
});
