import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientState } from '../../shared/schemas/survey.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { cid, DAY_MS, GUIDE_STEPS, postInit, seedGuide, seedProject, eachTestServer, type TestServer } from './helpers.ts';

describe('client state: audiences, stored attributes and guides', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const getState = async (userId: string) => {
    const res = await t.app.request(`/api/v1/client/${project.key}/state?userId=${encodeURIComponent(userId)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ClientState;
  };
  const postState = async (userId: string, attributes?: Record<string, unknown>) => {
    const res = await t.app.request(`/api/v1/client/${project.key}/state`, postInit({ userId, attributes }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return (await res.json()) as ClientState;
  };
  const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
  let n = 0;
  const sendEvents = async (...events: Array<Record<string, unknown>>) => {
    const res = await t.app.request(`/api/v1/client/${project.key}/events`, postInit({ events: events.map((e) => ({ id: cid(`event-${++n}`), ...e })) }));
    expect(res.status).toBe(202);
  };

  it('answers the project’s maxStartsPerPageView with the surveys and guides', async () => {
    await t.store.projects.update(project.id, { maxStartsPerPageView: 2 });
    const guide = await seedGuide(t.store, project.id);
    expect(await getState('u')).toEqual({
      surveys: [expect.objectContaining({ id: survey.id })],
      guides: [
        {
          id: guide.id,
          steps: guide.steps,
          trigger: { delaySeconds: 0 },
          audience: null,
          frequency: 'once',
          priority: 0,
          progress: null,
        },
      ],
      maxStartsPerPageView: 2,
    });
  });

  it('shows a survey and a guide for plan eq "pro" to a pro user, not to a free one', async () => {
    const audience = { all: [{ attribute: 'plan', op: 'eq' as const, value: 'pro' }] };
    await t.store.surveys.update(survey.id, { audience });
    const guide = await seedGuide(t.store, project.id, { audience });
    const pro = await postState('pro-user', { plan: 'pro' });
    expect(ids(pro.surveys)).toEqual([survey.id]);
    expect(ids(pro.guides)).toEqual([guide.id]);
    const free = await postState('free-user', { plan: 'free' });
    expect(free.surveys).toEqual([]);
    expect(free.guides).toEqual([]);
    // Someone never identified has no plan at all.
    expect(await getState('stranger')).toMatchObject({ surveys: [], guides: [] });
  });

  it('filters on ltv gte 100000 and on signedUpAt newerThanDays 14 with the server’s clock', async () => {
    const bigSpenders = await seedGuide(t.store, project.id, { audience: { all: [{ attribute: 'ltv', op: 'gte', value: 100_000 }] } });
    const newcomers = await seedGuide(t.store, project.id, { audience: { all: [{ attribute: 'signedUpAt', op: 'newerThanDays', value: 14 }] } });
    const now = Date.now();
    expect(ids((await postState('rich-old', { ltv: 120_000, signedUpAt: new Date(now - 30 * DAY_MS).toISOString() })).guides)).toEqual([bigSpenders.id]);
    expect(ids((await postState('poor-new', { ltv: 99_999, signedUpAt: new Date(now - 3 * DAY_MS).toISOString() })).guides)).toEqual([newcomers.id]);
    expect(ids((await postState('rich-new', { ltv: 100_000, signedUpAt: now - 13 * DAY_MS })).guides)).toEqual([bigSpenders.id, newcomers.id]);
  });

  it('stores the attributes a POST sends, and GET reuses them until the next POST replaces them', async () => {
    await t.store.surveys.update(survey.id, { audience: { all: [{ attribute: 'plan', op: 'eq', value: 'pro' }] } });
    expect((await getState('u')).surveys).toEqual([]);
    await postState('u', { plan: 'pro', ltv: 5 });
    expect(ids((await getState('u')).surveys)).toEqual([survey.id]);
    expect(await t.store.users.attributes(project.id, 'u')).toEqual({ plan: 'pro', ltv: 5 });
    // Without attributes the stored ones are kept; new ones replace them whole.
    expect(ids((await postState('u')).surveys)).toEqual([survey.id]);
    await postState('u', { plan: 'free' });
    expect((await getState('u')).surveys).toEqual([]);
    expect(await t.store.users.attributes(project.id, 'u')).toEqual({ plan: 'free' });
    expect(t.count('users')).toBe(1);
  });

  it('keeps first_seen and moves last_seen on every POST', async () => {
    await postState('u', { plan: 'pro' });
    await new Promise((r) => setTimeout(r, 5));
    await postState('u', { plan: 'pro' });
    expect(t.count('users', 'first_seen < last_seen')).toBe(1);
  });

  it.each([
    ['a missing userId', { attributes: {} }, 'userId'],
    ['a nested attribute', { userId: 'u', attributes: { plan: { name: 'pro' } } }, 'attributes.plan'],
  ])('answers POST with 400 naming the field for %s, storing nothing', async (_label, body, path) => {
    const res = await t.app.request(`/api/v1/client/${project.key}/state`, postInit(body));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { issues: Array<{ path: string }> } };
    expect(json.error.issues.map((i) => i.path)).toContain(path);
    expect(t.count('users')).toBe(0);
  });

  it('takes the POST as application/json too, and refuses it from an origin the project does not allow', async () => {
    const res = await t.app.request(`/api/v1/client/${project.key}/state`, postInit({ userId: 'u' }, { contentType: 'application/json' }));
    expect(res.status).toBe(200);
    const { project: locked } = await seedProject(t.store, {}, { allowedOrigins: ['https://app.acme.test'] });
    const refused = await t.app.request(`/api/v1/client/${locked.key}/state`, postInit({ userId: 'u', attributes: { plan: 'pro' } }, { origin: 'https://evil.test' }));
    expect(refused.status).toBe(403);
    expect(await t.store.users.attributes(locked.id, 'u')).toBeNull();
  });

  describe('guide progress', () => {
    let guide: Guide;
    beforeEach(async () => {
      guide = await seedGuide(t.store, project.id);
    });
    const guideOf = async (userId: string, id = guide.id) => (await getState(userId)).guides.find((g) => g.id === id);

    it('resumes a started tour at the last step shown', async () => {
      await sendEvents({ type: 'guide_shown', guideId: guide.id, userId: 'u' });
      expect((await guideOf('u'))?.progress).toEqual({ stepIndex: 0 });
      await sendEvents({ type: 'guide_step_shown', guideId: guide.id, userId: 'u', stepIndex: 1 });
      expect((await guideOf('u'))?.progress).toEqual({ stepIndex: 1 });
      // The widget announces the tour again on the next page: it does not go back to the start.
      await sendEvents({ type: 'guide_shown', guideId: guide.id, userId: 'u' });
      expect((await guideOf('u'))?.progress).toEqual({ stepIndex: 1 });
      expect((await guideOf('other'))?.progress).toBeNull();
    });

    it('no longer offers a once guide after it was completed or dismissed', async () => {
      await sendEvents({ type: 'guide_shown', guideId: guide.id, userId: 'done' }, { type: 'guide_completed', guideId: guide.id, userId: 'done' });
      await sendEvents({ type: 'guide_shown', guideId: guide.id, userId: 'bored' }, { type: 'guide_dismissed', guideId: guide.id, userId: 'bored' });
      expect(await guideOf('done')).toBeUndefined();
      expect(await guideOf('bored')).toBeUndefined();
      expect(await guideOf('new')).toBeDefined();
    });

    it('keeps offering an always guide after completion, without progress, and restarts it when shown again', async () => {
      const always = await seedGuide(t.store, project.id, { frequency: 'always' });
      await sendEvents(
        { type: 'guide_shown', guideId: always.id, userId: 'u' },
        { type: 'guide_step_shown', guideId: always.id, userId: 'u', stepIndex: 2 },
        { type: 'guide_completed', guideId: always.id, userId: 'u' },
      );
      expect((await guideOf('u', always.id))?.progress).toBeNull();
      await sendEvents({ type: 'guide_shown', guideId: always.id, userId: 'u' });
      expect((await guideOf('u', always.id))?.progress).toEqual({ stepIndex: 0 });
    });

    it('keeps a completed guide completed when a dismissal arrives after it', async () => {
      await sendEvents({ type: 'guide_completed', guideId: guide.id, userId: 'u' }, { type: 'guide_dismissed', guideId: guide.id, userId: 'u' });
      expect((await t.store.guides.progressOf(project.id, 'u')).get(guide.id)).toMatchObject({ status: 'completed' });
    });

    it('does not offer inactive guides', async () => {
      await t.store.guides.update(guide.id, { active: false });
      expect((await getState('u')).guides).toEqual([]);
    });
  });

  describe('GET /guides/:guideId', () => {
    it('serves one active guide with the user’s progress, for kizuna("show", id)', async () => {
      const guide = await seedGuide(t.store, project.id);
      await sendEvents({ type: 'guide_step_shown', guideId: guide.id, userId: 'u', stepIndex: 2 });
      const res = await t.app.request(`/api/v1/client/${project.key}/guides/${guide.id}?userId=u`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: guide.id, steps: guide.steps, progress: { stepIndex: 2 } });
      expect(await (await t.app.request(`/api/v1/client/${project.key}/guides/${guide.id}`)).json()).toMatchObject({ progress: null });
    });

    it('serves a finished once guide again on demand, from the start', async () => {
      const guide = await seedGuide(t.store, project.id);
      await sendEvents({ type: 'guide_completed', guideId: guide.id, userId: 'u' });
      const res = await t.app.request(`/api/v1/client/${project.key}/guides/${guide.id}?userId=u`);
      expect(await res.json()).toMatchObject({ id: guide.id, progress: null });
    });

    it('answers 404 guide_not_found for an unknown, inactive or foreign guide', async () => {
      const { project: other } = await seedProject(t.store);
      const foreign = await seedGuide(t.store, other.id);
      const inactive = await seedGuide(t.store, project.id, { active: false, steps: GUIDE_STEPS.slice(0, 1) });
      for (const id of ['gd_nope', foreign.id, inactive.id]) {
        const res = await t.app.request(`/api/v1/client/${project.key}/guides/${id}`);
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ error: { code: 'guide_not_found' } });
      }
    });
  });
});
