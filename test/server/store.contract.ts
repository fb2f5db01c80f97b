import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEEN_INTERVAL_MS, type CommentCursor, type FollowupCursor, type FollowupQuery, type MatrixUserCursor, type NewEvent, type NewResponse, type Store } from '../../server/data/store.ts';
import { guideInput, type GuideInput } from '../../shared/schemas/guide.ts';
import { surveyInput, type SurveyInput } from '../../shared/schemas/survey.ts';
import { newAnswer } from './answers.ts';

const DAY = 86_400_000;

/**
 * The behaviour every `Store` implementation must have. Run it once per implementation:
 * `runStoreContract('sqlite', async () => openSqliteStore(file))`. `makeStore` must return an
 * empty, migrated store; the suite closes it after each test.
 */
export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const newSurvey = (input: Partial<SurveyInput> = {}) =>
      surveyInput.parse({ name: 'NPS', touchpoints: [{ key: 'support', label: 'Support' }, { key: 'docs', label: 'Docs' }], ...input });

    async function projectWithSurvey(input: Partial<SurveyInput> = {}) {
      const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
      const survey = await store.surveys.create(project.id, newSurvey(input));
      return { project, survey };
    }

    const newGuide = (input: Partial<GuideInput> = {}) =>
      guideInput.parse({ name: 'Tour', steps: [{ target: '#a', title: 'A', body: 'a' }, { title: 'B', body: 'b' }], ...input });

    async function projectWithGuide(input: Partial<GuideInput> = {}) {
      const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
      const guide = await store.guides.create(project.id, newGuide(input));
      return { project, guide };
    }

    let seq = 0;
    const answer = (base: { projectId: string; surveyId: string }, fields: Partial<NewResponse> = {}): NewResponse =>
      newAnswer(base, { clientId: `client_${++seq}`, userId: 'user-1', openFollowup: false, ...fields });

    describe('settings', () => {
      it('returns null for a key never set', async () => {
        expect(await store.settings.get('nothing')).toBeNull();
      });

      it('getOrCreate keeps the first value and does not create again', async () => {
        expect(await store.settings.getOrCreate('token', () => 'first')).toBe('first');
        let called = false;
        const again = await store.settings.getOrCreate('token', () => {
          called = true;
          return 'second';
        });
        expect(again).toBe('first');
        expect(called).toBe(false);
        expect(await store.settings.get('token')).toBe('first');
      });

      it('set replaces a value, and creates one never set', async () => {
        await store.settings.getOrCreate('token', () => 'first');
        await store.settings.set('token', 'second');
        await store.settings.set('other', 'new');
        expect(await store.settings.get('token')).toBe('second');
        expect(await store.settings.get('other')).toBe('new');
        expect(await store.settings.getOrCreate('token', () => 'third')).toBe('second');
      });
    });

    describe('projects', () => {
      it('creates a project with a random pk_ key, ISO createdAt, and reads it by id and key', async () => {
        const project = await store.projects.create({ name: 'Acme', allowedOrigins: ['https://app.acme.test'] });
        expect(project).toMatchObject({ name: 'Acme', allowedOrigins: ['https://app.acme.test'] });
        expect(project.key).toMatch(/^pk_[A-Za-z0-9]{16,}$/);
        expect(new Date(project.createdAt).toISOString()).toBe(project.createdAt);
        expect(await store.projects.get(project.id)).toEqual(project);
        expect(await store.projects.getByKey(project.key)).toEqual(project);
      });

      it('uses a given key, and refuses a key that is taken', async () => {
        const project = await store.projects.create({ name: 'Demo', allowedOrigins: [], key: 'pk_demo' });
        expect(project.key).toBe('pk_demo');
        await expect(store.projects.create({ name: 'Other', allowedOrigins: [], key: 'pk_demo' })).rejects.toThrow();
      });

      it('lists projects oldest first', async () => {
        const a = await store.projects.create({ name: 'A', allowedOrigins: [] });
        const b = await store.projects.create({ name: 'B', allowedOrigins: [] });
        expect((await store.projects.list()).map((p) => p.id)).toEqual([a.id, b.id]);
      });

      it('starts one survey or guide per page view unless given another number', async () => {
        expect((await store.projects.create({ name: 'A', allowedOrigins: [] })).maxStartsPerPageView).toBe(1);
        const busy = await store.projects.create({ name: 'B', allowedOrigins: [], maxStartsPerPageView: 3 });
        expect(busy.maxStartsPerPageView).toBe(3);
        expect(await store.projects.update(busy.id, { maxStartsPerPageView: 2 })).toEqual({ ...busy, maxStartsPerPageView: 2 });
      });

      it('updates only the fields given', async () => {
        const project = await store.projects.create({ name: 'Acme', allowedOrigins: ['https://a.test'] });
        expect(await store.projects.update(project.id, { name: 'Acme Inc.' })).toEqual({ ...project, name: 'Acme Inc.' });
        expect(await store.projects.update(project.id, { allowedOrigins: [] })).toEqual({ ...project, name: 'Acme Inc.', allowedOrigins: [] });
      });

      it('returns null for unknown ids and keys', async () => {
        expect(await store.projects.get('prj_nope')).toBeNull();
        expect(await store.projects.getByKey('pk_nope')).toBeNull();
        expect(await store.projects.update('prj_nope', { name: 'x' })).toBeNull();
      });
    });

    describe('surveys', () => {
      it('creates a survey with every field and reads it back', async () => {
        const { project, survey } = await projectWithSurvey({ detractorThreshold: 4, sampleRate: 0.5 });
        expect(survey).toMatchObject({
          projectId: project.id,
          name: 'NPS',
          detractorThreshold: 4,
          sampleRate: 0.5,
          recontactDays: 90,
          delaySeconds: 5,
          active: true,
          touchpoints: [
            { key: 'support', label: 'Support' },
            { key: 'docs', label: 'Docs' },
          ],
        });
        expect(survey.id).toMatch(/^srv_/);
        expect(survey.createdAt).toBe(survey.updatedAt);
        expect(await store.surveys.get(survey.id)).toEqual(survey);
      });

      it('lists a project’s surveys, all or active only, and not other projects’', async () => {
        const { project, survey: first } = await projectWithSurvey();
        const second = await store.surveys.create(project.id, newSurvey({ name: 'Onboarding', active: false }));
        await projectWithSurvey();
        expect((await store.surveys.listByProject(project.id)).map((s) => s.id)).toEqual([first.id, second.id]);
        expect((await store.surveys.listByProject(project.id, { activeOnly: true })).map((s) => s.id)).toEqual([first.id]);
      });

      it('keeps an audience (null when none) and a priority', async () => {
        const audience = { all: [{ attribute: 'plan', op: 'eq' as const, value: 'pro' }] };
        const { survey } = await projectWithSurvey({ audience, priority: -3 });
        expect(survey).toMatchObject({ audience, priority: -3 });
        expect(await store.surveys.update(survey.id, { audience: null })).toMatchObject({ audience: null, priority: -3 });
        expect((await projectWithSurvey()).survey).toMatchObject({ audience: null, priority: 0 });
      });

      it('existingIds keeps only ids of surveys in the project', async () => {
        const { project, survey } = await projectWithSurvey();
        const { survey: foreign } = await projectWithSurvey();
        expect(await store.surveys.existingIds(project.id, [survey.id, foreign.id, 'srv_nope'])).toEqual(new Set([survey.id]));
        expect(await store.surveys.existingIds(project.id, [])).toEqual(new Set());
      });

      it('updates the given fields, keeps the rest, and moves updatedAt', async () => {
        const { survey } = await projectWithSurvey();
        await new Promise((r) => setTimeout(r, 5));
        const updated = await store.surveys.update(survey.id, { active: false, question: { ja: 'どう?', en: 'How?' } });
        expect(updated).toMatchObject({ ...survey, active: false, question: { ja: 'どう?', en: 'How?' }, updatedAt: expect.any(String) });
        expect(Date.parse(updated!.updatedAt)).toBeGreaterThan(Date.parse(survey.updatedAt));
        expect(await store.surveys.update('srv_nope', { active: false })).toBeNull();
        expect(await store.surveys.get('srv_nope')).toBeNull();
      });
    });

    describe('guides', () => {
      it('creates a guide with every field and reads it back', async () => {
        const { project, guide } = await projectWithGuide({ trigger: { url: '/app*' }, priority: 4 });
        expect(guide).toMatchObject({
          projectId: project.id,
          name: 'Tour',
          steps: [
            { target: '#a', title: 'A', body: 'a', placement: 'auto', advance: 'next', spotlight: false },
            { title: 'B', body: 'b', placement: 'auto', advance: 'next', spotlight: false },
          ],
          trigger: { url: '/app*', delaySeconds: 0 },
          audience: null,
          frequency: 'once',
          priority: 4,
          active: true,
        });
        expect(guide.id).toMatch(/^gd_/);
        expect(guide.createdAt).toBe(guide.updatedAt);
        expect(await store.guides.get(guide.id)).toEqual(guide);
        expect(await store.guides.get('gd_nope')).toBeNull();
      });

      it('lists a project’s guides, all or active only, and not other projects’', async () => {
        const { project, guide: first } = await projectWithGuide();
        const second = await store.guides.create(project.id, newGuide({ active: false }));
        await projectWithGuide();
        expect((await store.guides.listByProject(project.id)).map((g) => g.id)).toEqual([first.id, second.id]);
        expect((await store.guides.listByProject(project.id, { activeOnly: true })).map((g) => g.id)).toEqual([first.id]);
      });

      it('stepCounts gives the number of steps of the project’s guides only', async () => {
        const { project, guide } = await projectWithGuide();
        const { guide: foreign } = await projectWithGuide();
        expect(await store.guides.stepCounts(project.id, [guide.id, foreign.id, 'gd_nope'])).toEqual(new Map([[guide.id, 2]]));
        expect(await store.guides.stepCounts(project.id, [])).toEqual(new Map());
      });

      it('updates the given fields, keeps the rest, and moves updatedAt', async () => {
        const { guide } = await projectWithGuide({ audience: { any: [{ attribute: 'beta', op: 'exists' }] } });
        await new Promise((r) => setTimeout(r, 5));
        const updated = await store.guides.update(guide.id, { audience: null, frequency: 'always' });
        expect(updated).toMatchObject({ ...guide, audience: null, frequency: 'always', updatedAt: expect.any(String) });
        expect(Date.parse(updated!.updatedAt)).toBeGreaterThan(Date.parse(guide.updatedAt));
        expect(await store.guides.update('gd_nope', { active: false })).toBeNull();
      });

      it('moves updatedAt strictly forward on every update, even within one millisecond', async () => {
        const { guide } = await projectWithGuide();
        const versions = [guide.updatedAt];
        for (let i = 0; i < 5; i++) versions.push((await store.guides.update(guide.id, { priority: i }))!.updatedAt);
        const times = versions.map((v) => Date.parse(v));
        expect(times.every((time, i) => i === 0 || time > times[i - 1]!)).toBe(true);
      });

      it('updateIfUnchanged applies the patch only over the version it was given: once, then a conflict', async () => {
        const { guide } = await projectWithGuide();
        const steps = [{ title: 'New', body: 'n', placement: 'top' as const, advance: 'click' as const, spotlight: true }];
        const saved = await store.guides.updateIfUnchanged(guide.id, guide.updatedAt, { steps });
        expect(saved).toMatchObject({ ...guide, steps, updatedAt: expect.any(String) });
        expect(saved !== 'conflict' && saved && Date.parse(saved.updatedAt) > Date.parse(guide.updatedAt)).toBe(true);
        // A second save from the same version lost the race: nothing changes.
        expect(await store.guides.updateIfUnchanged(guide.id, guide.updatedAt, { steps: guide.steps })).toBe('conflict');
        expect(await store.guides.updateIfUnchanged(guide.id, 'not a time', { steps: guide.steps })).toBe('conflict');
        expect(await store.guides.get(guide.id)).toEqual(saved);
        expect(await store.guides.updateIfUnchanged('gd_nope', guide.updatedAt, { steps })).toBeNull();
      });

      it('updateIfUnchanged lets exactly one of concurrent saves from one version through', async () => {
        const { guide } = await projectWithGuide();
        const results = await Promise.all([1, 2, 3, 4].map((priority) => store.guides.updateIfUnchanged(guide.id, guide.updatedAt, { priority })));
        const saved = results.filter((r) => r !== 'conflict');
        expect(saved).toHaveLength(1);
        expect(await store.guides.get(guide.id)).toEqual(saved[0]);
      });

      it('moves progress with new guide events only, per user', async () => {
        const { project, guide } = await projectWithGuide();
        const base = { guideId: guide.id, userId: 'u', at: new Date() };
        const started: NewEvent[] = [
          { ...base, clientId: 'event_01', type: 'guide_shown' },
          { ...base, clientId: 'event_02', type: 'guide_step_shown', stepIndex: 1 },
        ];
        await store.events.record(project.id, started);
        await store.events.record(project.id, [{ ...base, clientId: 'event_03', type: 'guide_dismissed', userId: 'v' }]);
        // A re-sent batch changes nothing.
        await store.events.record(project.id, started);
        expect(await store.guides.progressOf(project.id, 'u')).toEqual(new Map([[guide.id, { stepIndex: 1, status: 'active' }]]));
        expect(await store.guides.progressOf(project.id, 'v')).toEqual(new Map([[guide.id, { stepIndex: 0, status: 'dismissed' }]]));
        expect(await store.guides.progressOf(project.id, 'nobody')).toEqual(new Map());
      });
    });

    describe('authoring', () => {
      const MINUTE = 60_000;

      async function link(fields: { linkHash?: string; expiresAt?: Date } = {}) {
        const { project, guide } = await projectWithGuide();
        await store.authoring.createLink({
          projectId: project.id,
          guideId: guide.id,
          origin: 'https://app.acme.test',
          linkHash: 'link-hash',
          expiresAt: new Date(Date.now() + 10 * MINUTE),
          createdBy: 'pm@acme.test',
          ...fields,
        });
        return { projectId: project.id, guideId: guide.id, origin: 'https://app.acme.test' };
      }

      it('trades a link once for a session, which opens its scope until it expires', async () => {
        const scope = await link();
        const now = new Date();
        const until = new Date(now.getTime() + 60 * MINUTE);
        expect(await store.authoring.exchange('link-hash', 'session-hash', now, until)).toEqual(scope);
        expect(await store.authoring.exchange('link-hash', 'other-session', now, until)).toBeNull();
        expect(await store.authoring.session('session-hash', now)).toEqual({ ...scope, expiresAt: until });
        expect(await store.authoring.session('other-session', now)).toBeNull();
        expect(await store.authoring.session('session-hash', new Date(until.getTime() - 1))).not.toBeNull();
        expect(await store.authoring.session('session-hash', until)).toBeNull();
      });

      it('refuses unknown and expired links, and has no session before a trade', async () => {
        const expiresAt = new Date(Date.now() + MINUTE);
        await link({ expiresAt });
        const until = new Date(expiresAt.getTime() + 60 * MINUTE);
        expect(await store.authoring.session('link-hash', new Date())).toBeNull();
        expect(await store.authoring.exchange('nope', 'session-hash', new Date(), until)).toBeNull();
        expect(await store.authoring.exchange('link-hash', 'session-hash', expiresAt, until)).toBeNull();
        expect(await store.authoring.session('session-hash', new Date())).toBeNull();
        // Just before its end it still works.
        expect(await store.authoring.exchange('link-hash', 'session-hash', new Date(expiresAt.getTime() - 1), until)).not.toBeNull();
      });

      it('lets exactly one of concurrent trades of a link win', async () => {
        await link();
        const until = new Date(Date.now() + 60 * MINUTE);
        const trades = await Promise.all(['s1', 's2', 's3', 's4'].map((hash) => store.authoring.exchange('link-hash', hash, new Date(), until)));
        expect(trades.filter((scope) => scope !== null)).toHaveLength(1);
        const winner = ['s1', 's2', 's3', 's4'][trades.findIndex((scope) => scope !== null)]!;
        for (const hash of ['s1', 's2', 's3', 's4']) expect((await store.authoring.session(hash, new Date())) !== null).toBe(hash === winner);
      });

      it('refuses a second link with the same token hash', async () => {
        await link();
        await expect(link()).rejects.toThrow();
      });
    });

    describe('users', () => {
      it('stores attributes on first identify, replaces them later, and keeps them when given none', async () => {
        const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
        expect(await store.users.attributes(project.id, 'u')).toBeNull();
        expect(await store.users.identify(project.id, 'u', null, new Date())).toEqual({});
        expect(await store.users.identify(project.id, 'u', { plan: 'pro', ltv: 120000 }, new Date())).toEqual({ plan: 'pro', ltv: 120000 });
        expect(await store.users.identify(project.id, 'u', null, new Date())).toEqual({ plan: 'pro', ltv: 120000 });
        expect(await store.users.identify(project.id, 'u', { plan: 'free' }, new Date())).toEqual({ plan: 'free' });
        expect(await store.users.attributes(project.id, 'u')).toEqual({ plan: 'free' });
      });

      it('scopes users to the project', async () => {
        const a = await store.projects.create({ name: 'A', allowedOrigins: [] });
        const b = await store.projects.create({ name: 'B', allowedOrigins: [] });
        await store.users.identify(a.id, 'u', { plan: 'pro' }, new Date());
        expect(await store.users.attributes(b.id, 'u')).toBeNull();
      });
    });

    describe('responses', () => {
      it('stores a new answer and reports it created with its category', async () => {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        expect(await store.responses.record(answer(base, { score: 10 }))).toEqual({ outcome: 'created', category: 'promoter' });
      });

      it('treats the same client id again as completion: stored score and category never change', async () => {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        const first = answer(base, { score: 3, clientId: 'same_id_1' });
        await store.responses.record(first);
        const again = await store.responses.record({ ...first, score: 10, category: 'promoter' });
        expect(again).toEqual({ outcome: 'completed', category: 'detractor' });
        const report = await store.reports.surveyAggregates(survey.id, {}, 'day');
        expect(report.tally).toEqual({ promoters: 0, passives: 0, detractors: 1 });
      });

      it('adds factors and comment later, never overwriting what is stored', async () => {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        const first = answer(base, { score: 2, clientId: 'partial_1', openFollowup: true });
        await store.responses.record(first);
        await store.responses.record({ ...first, factors: { support: -3 } });
        await store.responses.record({ ...first, factors: { support: 3, docs: 1 }, comment: 'slow support' });
        await store.responses.record({ ...first, factors: { support: 2 }, comment: 'changed my mind' });

        const { items } = await store.followups.list(project.id, { limit: 10 });
        expect(items).toHaveLength(1);
        expect(items[0]!.response).toMatchObject({ score: 2, factors: { support: -3, docs: 1 }, comment: 'slow support' });
      });

      it('fills locale, url and attributes only when missing', async () => {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        const first = answer(base, { score: 0, clientId: 'meta_1', openFollowup: true, locale: 'ja' });
        await store.responses.record(first);
        await store.responses.record({ ...first, locale: 'en', url: 'https://app.test/x', attributes: { plan: 'pro' } });
        const [item] = (await store.followups.list(project.id, { limit: 1 })).items;
        expect(item!.response).toMatchObject({ locale: 'ja', url: 'https://app.test/x' });
        expect(item!.attributes).toEqual({ plan: 'pro' });
      });

      it('reports a conflict, changing nothing, when the id belongs to another survey or user', async () => {
        const { project, survey } = await projectWithSurvey();
        const other = await store.surveys.create(project.id, newSurvey());
        const base = { projectId: project.id, surveyId: survey.id };
        const first = answer(base, { clientId: 'taken_id' });
        await store.responses.record(first);
        expect(await store.responses.record({ ...first, surveyId: other.id })).toEqual({ outcome: 'conflict' });
        expect(await store.responses.record({ ...first, userId: 'user-2', comment: 'x' })).toEqual({ outcome: 'conflict' });
        expect((await store.reports.surveyAggregates(other.id, {}, 'day')).tally).toEqual({ promoters: 0, passives: 0, detractors: 0 });
      });

      it('scopes client ids to the project', async () => {
        const a = await projectWithSurvey();
        const b = await projectWithSurvey();
        const clientId = 'shared_id';
        expect((await store.responses.record(answer({ projectId: a.project.id, surveyId: a.survey.id }, { clientId }))).outcome).toBe('created');
        expect((await store.responses.record(answer({ projectId: b.project.id, surveyId: b.survey.id }, { clientId }))).outcome).toBe('created');
      });

      it('opens exactly one follow-up, with a created history entry, when asked', async () => {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        const low = answer(base, { score: 1, openFollowup: true, userId: 'unhappy', attributes: { plan: 'pro', ltv: 1000 } });
        await store.responses.record(low);
        await store.responses.record(low);
        await store.responses.record(answer(base, { score: 9 }));
        const { items } = await store.followups.list(project.id, { limit: 10 });
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({
          projectId: project.id,
          surveyId: survey.id,
          responseId: low.clientId,
          userId: 'unhappy',
          status: 'open',
          assignee: null,
          attributes: { plan: 'pro', ltv: 1000 },
          response: { score: 1, category: 'detractor', factors: {}, comment: null },
          history: [{ action: 'created', actor: 'system', from: null, to: 'open' }],
        });
      });

      it('gives each user the time of their latest answer per survey', async () => {
        const { project, survey } = await projectWithSurvey();
        const other = await store.surveys.create(project.id, newSurvey());
        const t = Date.UTC(2025, 0, 10);
        await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { at: new Date(t) }));
        await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { at: new Date(t + DAY) }));
        await store.responses.record(answer({ projectId: project.id, surveyId: other.id }, { at: new Date(t - DAY) }));
        await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { at: new Date(t + 5 * DAY), userId: 'someone-else' }));
        expect(await store.responses.lastAnsweredAt(project.id, 'user-1')).toEqual(
          new Map([
            [survey.id, t + DAY],
            [other.id, t - DAY],
          ]),
        );
        expect(await store.responses.lastAnsweredAt(project.id, 'nobody')).toEqual(new Map());
      });
    });

    describe('events', () => {
      it('stores new events, skips known ids, and reports how many were new', async () => {
        const { project, survey } = await projectWithSurvey();
        const event = (clientId: string, at = new Date()) => ({ clientId, type: 'survey_shown' as const, surveyId: survey.id, userId: 'u', at });
        expect(await store.events.record(project.id, [event('event_01'), event('event_02')])).toBe(2);
        expect(await store.events.record(project.id, [event('event_02'), event('event_03'), event('event_03')])).toBe(1);
        expect(await store.events.record(project.id, [])).toBe(0);
      });

      it('stores nothing of a batch that fails', async () => {
        const { project, survey } = await projectWithSurvey();
        const at = new Date();
        const good = { clientId: 'event_ok', type: 'survey_dismissed' as const, surveyId: survey.id, userId: 'u', at };
        await expect(store.events.record(project.id, [good, { ...good, clientId: 'event_bad', surveyId: 'srv_missing' }])).rejects.toThrow();
        expect(await store.events.lastDismissedAt(project.id, 'u')).toEqual(new Map());
      });

      it('stores guide and track events beside survey events, skipping known ids', async () => {
        const { project, guide } = await projectWithGuide();
        const at = new Date();
        const batch: NewEvent[] = [
          { clientId: 'event_g1', type: 'guide_step_completed', guideId: guide.id, stepIndex: 0, userId: 'u', at },
          { clientId: 'event_t1', type: 'track', name: 'invoice.sent', props: { amount: 5 }, userId: 'u', at },
          { clientId: 'event_t2', type: 'track', name: 'invoice.sent', userId: 'u', at },
        ];
        expect(await store.events.record(project.id, batch)).toBe(3);
        expect(await store.events.record(project.id, batch)).toBe(0);
      });

      it('gives the latest dismissal per survey, ignoring other event types and users', async () => {
        const { project, survey } = await projectWithSurvey();
        const t = Date.UTC(2025, 2, 1);
        const base = { surveyId: survey.id, userId: 'u' };
        await store.events.record(project.id, [
          { ...base, clientId: 'dismiss_1', type: 'survey_dismissed', at: new Date(t) },
          { ...base, clientId: 'dismiss_2', type: 'survey_dismissed', at: new Date(t + DAY) },
          { ...base, clientId: 'shown_001', type: 'survey_shown', at: new Date(t + 2 * DAY) },
          { ...base, clientId: 'dismiss_3', type: 'survey_dismissed', at: new Date(t + 3 * DAY), userId: 'other' },
        ]);
        expect(await store.events.lastDismissedAt(project.id, 'u')).toEqual(new Map([[survey.id, t + DAY]]));
      });
    });

    describe('followups', () => {
      async function withFollowups(count: number) {
        const { project, survey } = await projectWithSurvey();
        const t = Date.UTC(2025, 4, 1);
        for (let i = 0; i < count; i++) {
          await store.responses.record(
            answer({ projectId: project.id, surveyId: survey.id }, { clientId: `low_${String(i).padStart(4, '0')}`, score: i % 7, openFollowup: true, at: new Date(t + i * 1000) }),
          );
        }
        return { project, survey };
      }

      it('lists newest first and pages with a cursor without gaps or repeats', async () => {
        const { project } = await withFollowups(5);
        const first = await store.followups.list(project.id, { limit: 2 });
        expect(first.items.map((f) => f.responseId)).toEqual(['low_0004', 'low_0003']);
        expect(first.next).not.toBeNull();
        const second = await store.followups.list(project.id, { limit: 2, after: first.next! });
        expect(second.items.map((f) => f.responseId)).toEqual(['low_0002', 'low_0001']);
        const third = await store.followups.list(project.id, { limit: 2, after: second.next! });
        expect(third.items.map((f) => f.responseId)).toEqual(['low_0000']);
        expect(third.next).toBeNull();
      });

      it('breaks ties in time by id, so equal timestamps still page exactly', async () => {
        const { project, survey } = await projectWithSurvey();
        const at = new Date(Date.UTC(2025, 4, 1));
        for (let i = 0; i < 4; i++) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { score: 0, openFollowup: true, at }));
        }
        const seen: string[] = [];
        let after: Awaited<ReturnType<Store['followups']['list']>>['next'] = null;
        do {
          const page: Awaited<ReturnType<Store['followups']['list']>> = await store.followups.list(project.id, { limit: 1, ...(after ? { after } : {}) });
          seen.push(...page.items.map((f) => f.id));
          after = page.next;
        } while (after);
        expect(seen).toHaveLength(4);
        expect(new Set(seen).size).toBe(4);
      });

      it('filters by status and by project', async () => {
        const { project } = await withFollowups(3);
        await withFollowups(2);
        const { items } = await store.followups.list(project.id, { limit: 10 });
        await store.followups.update(items[0]!.id, { status: 'resolved' }, 'admin', new Date());
        expect((await store.followups.list(project.id, { limit: 10 })).items).toHaveLength(3);
        expect((await store.followups.list(project.id, { limit: 10, status: 'open' })).items).toHaveLength(2);
        expect((await store.followups.list(project.id, { limit: 10, status: 'resolved' })).items.map((f) => f.id)).toEqual([items[0]!.id]);
      });

      it('records one history entry per real change, with actor and time', async () => {
        const { project } = await withFollowups(1);
        const [item] = (await store.followups.list(project.id, { limit: 1 })).items;
        const at = new Date(Date.UTC(2025, 5, 1, 9));
        const updated = await store.followups.update(item!.id, { status: 'in_progress', assignee: 'sato@example.com', note: 'called the customer' }, 'alice', at);
        expect(updated).toMatchObject({ status: 'in_progress', assignee: 'sato@example.com', updatedAt: at.toISOString() });
        expect(updated!.history.slice(1)).toEqual([
          { at: at.toISOString(), actor: 'alice', action: 'status', from: 'open', to: 'in_progress' },
          { at: at.toISOString(), actor: 'alice', action: 'assignee', from: null, to: 'sato@example.com' },
          { at: at.toISOString(), actor: 'alice', action: 'note', from: null, to: null, note: 'called the customer' },
        ]);
        expect(await store.followups.get(item!.id)).toEqual(updated);
      });

      it('records nothing and keeps updatedAt for a change to the same values', async () => {
        const { project } = await withFollowups(1);
        const [item] = (await store.followups.list(project.id, { limit: 1 })).items;
        const later = new Date(Date.parse(item!.updatedAt) + DAY);
        const same = await store.followups.update(item!.id, { status: 'open', assignee: null }, 'alice', later);
        expect(same).toEqual(item);
      });

      it('unassigns with null', async () => {
        const { project } = await withFollowups(1);
        const [item] = (await store.followups.list(project.id, { limit: 1 })).items;
        await store.followups.update(item!.id, { assignee: 'bob' }, 'alice', new Date());
        const cleared = await store.followups.update(item!.id, { assignee: null }, 'alice', new Date());
        expect(cleared!.assignee).toBeNull();
        expect(cleared!.history.at(-1)).toMatchObject({ action: 'assignee', from: 'bob', to: null });
      });

      it('returns null for an unknown follow-up', async () => {
        expect(await store.followups.get('fu_nope')).toBeNull();
        expect(await store.followups.update('fu_nope', { status: 'resolved' }, 'a', new Date())).toBeNull();
      });
    });

    describe('reports', () => {
      // Monday 2025-03-03 … Sunday 2025-03-09 is one ISO week; 2025-03-10 starts the next.
      const at = (iso: string) => new Date(iso);

      async function dataset() {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        const rows: Array<[number, string, Record<string, number>]> = [
          [10, '2025-03-03T00:00:00Z', { support: 3, docs: 2 }],
          [9, '2025-03-05T12:00:00Z', { support: 2 }],
          [9, '2025-03-09T23:59:59Z', {}],
          [8, '2025-03-10T00:00:00Z', { support: 1, docs: -1 }],
          [6, '2025-03-31T23:00:00Z', { support: -2 }],
          [0, '2025-04-01T00:00:00Z', { support: -3, docs: -3 }],
        ];
        for (const [score, time, factors] of rows) await store.responses.record(answer(base, { score, factors, at: at(time) }));
        return survey;
      }

      it('counts categories and averages factors over answered ones only, overall and per category', async () => {
        const survey = await dataset();
        const report = await store.reports.surveyAggregates(survey.id, {}, 'week');
        expect(report.tally).toEqual({ promoters: 3, passives: 1, detractors: 2 });
        const byKey = Object.fromEntries(report.factors.map((f) => [f.key, f]));
        expect(byKey.support).toEqual({ key: 'support', count: 5, mean: (3 + 2 + 1 - 2 - 3) / 5, meanByCategory: { promoter: 2.5, passive: 1, detractor: -2.5 } });
        expect(byKey.docs).toEqual({ key: 'docs', count: 3, mean: (2 - 1 - 3) / 3, meanByCategory: { promoter: 2, passive: -1, detractor: -3 } });
      });

      it('groups the trend by UTC day, ISO week (Monday) and month, ascending, only periods with answers', async () => {
        const survey = await dataset();
        const trend = async (interval: 'day' | 'week' | 'month') => (await store.reports.surveyAggregates(survey.id, {}, interval)).trend;
        expect(await trend('week')).toEqual([
          { period: '2025-03-03', promoters: 3, passives: 0, detractors: 0 },
          { period: '2025-03-10', promoters: 0, passives: 1, detractors: 0 },
          { period: '2025-03-31', promoters: 0, passives: 0, detractors: 2 },
        ]);
        expect(await trend('month')).toEqual([
          { period: '2025-03-01', promoters: 3, passives: 1, detractors: 1 },
          { period: '2025-04-01', promoters: 0, passives: 0, detractors: 1 },
        ]);
        expect((await trend('day')).map((t) => t.period)).toEqual(['2025-03-03', '2025-03-05', '2025-03-09', '2025-03-10', '2025-03-31', '2025-04-01']);
      });

      it('limits to [from, to): from inclusive, to exclusive', async () => {
        const survey = await dataset();
        const report = await store.reports.surveyAggregates(survey.id, { from: at('2025-03-05T12:00:00Z'), to: at('2025-03-10T00:00:00Z') }, 'day');
        expect(report.tally).toEqual({ promoters: 2, passives: 0, detractors: 0 });
        expect(report.factors).toEqual([{ key: 'support', count: 1, mean: 2, meanByCategory: { promoter: 2, passive: null, detractor: null } }]);
      });

      it('averages factors sent after the answer at the answer’s time and category, and only current touchpoints', async () => {
        const { project, survey } = await projectWithSurvey();
        const at = new Date('2025-03-03T00:00:00Z');
        const first = answer({ projectId: project.id, surveyId: survey.id }, { clientId: 'later_1', score: 2, at });
        await store.responses.record(first);
        await store.responses.record({ ...first, factors: { support: -3 }, at: new Date('2025-06-01T00:00:00Z') });
        await store.surveys.update(survey.id, { touchpoints: [{ key: 'support', label: 'Support' }] });
        const march = await store.reports.surveyAggregates(survey.id, { from: at, to: new Date('2025-03-04T00:00:00Z') }, 'day');
        expect(march.factors).toEqual([{ key: 'support', count: 1, mean: -3, meanByCategory: { promoter: null, passive: null, detractor: -3 } }]);
        await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { factors: { support: 1, docs: 2 }, at }));
        await store.surveys.update(survey.id, { touchpoints: [{ key: 'docs', label: 'Docs' }] });
        expect((await store.reports.surveyAggregates(survey.id, {}, 'day')).factors.map((f) => f.key)).toEqual(['docs']);
      });

      it('is all zeros and empty lists for a survey without answers', async () => {
        const { survey } = await projectWithSurvey();
        expect(await store.reports.surveyAggregates(survey.id, {}, 'week')).toEqual({ tally: { promoters: 0, passives: 0, detractors: 0 }, factors: [], trend: [] });
      });

      it('counts distinct users per guide event and per step, steps with events only, ascending', async () => {
        const { project, guide } = await projectWithGuide();
        const { guide: other } = await projectWithGuide();
        let n = 0;
        const event = (userId: string, type: NewEvent['type'], stepIndex?: number) =>
          ({ clientId: `event_${++n}`, type, guideId: guide.id, stepIndex, userId, at: new Date() }) as NewEvent;
        await store.events.record(project.id, [
          event('a', 'guide_shown'),
          event('a', 'guide_shown'),
          event('b', 'guide_shown'),
          event('a', 'guide_step_shown', 1),
          event('a', 'guide_step_shown', 1),
          event('b', 'guide_step_shown', 1),
          event('b', 'guide_step_completed', 1),
          event('a', 'guide_target_missing', 0),
          event('a', 'guide_completed'),
          event('b', 'guide_dismissed'),
        ]);
        expect(await store.reports.guideAggregates(guide.id)).toEqual({ shown: 2, completed: 1, dismissed: 1, steps: [{ index: 1, shown: 2, completed: 1 }] });
        expect(await store.reports.guideAggregates(other.id)).toEqual({ shown: 0, completed: 0, dismissed: 0, steps: [] });
      });
    });

    describe('projects: LTV boundary and the install check', () => {
      it('has no LTV boundary and no last seen page until given', async () => {
        const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
        expect(project).toMatchObject({ ltvBoundary: null, lastSeen: null });
        expect(await store.projects.update(project.id, { ltvBoundary: 50_000.5 })).toEqual({ ...project, ltvBoundary: 50_000.5 });
        expect(await store.projects.update(project.id, { ltvBoundary: null })).toEqual(project);
      });

      it('records where the widget was seen, at most once a minute', async () => {
        const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
        const t = Date.UTC(2025, 5, 1, 9);
        await store.projects.recordSeen(project.id, 'https://app.acme.test/a', new Date(t));
        expect((await store.projects.get(project.id))!.lastSeen).toEqual({ url: 'https://app.acme.test/a', at: new Date(t).toISOString() });
        await store.projects.recordSeen(project.id, 'https://app.acme.test/b', new Date(t + SEEN_INTERVAL_MS - 1));
        expect((await store.projects.get(project.id))!.lastSeen).toEqual({ url: 'https://app.acme.test/a', at: new Date(t).toISOString() });
        await store.projects.recordSeen(project.id, 'https://app.acme.test/c', new Date(t + SEEN_INTERVAL_MS));
        expect((await store.projects.getByKey(project.key))!.lastSeen).toEqual({ url: 'https://app.acme.test/c', at: new Date(t + SEEN_INTERVAL_MS).toISOString() });
      });
    });

    describe('responses of a user', () => {
      it('gives the user’s answers in the project but one, newest first, with factors, at most limit', async () => {
        const { project, survey } = await projectWithSurvey();
        const other = await store.surveys.create(project.id, newSurvey());
        const t = Date.UTC(2025, 0, 10);
        const record = (surveyId: string, clientId: string, day: number, fields: Partial<NewResponse> = {}) =>
          store.responses.record(answer({ projectId: project.id, surveyId }, { clientId, userId: 'u', at: new Date(t + day * DAY), ...fields }));
        await record(survey.id, 'answer_1', 0, { score: 3, factors: { support: -2 }, comment: 'slow' });
        await record(other.id, 'answer_2', 1, { score: 8 });
        await record(survey.id, 'answer_3', 2, { score: 1 });
        await record(survey.id, 'answer_4', 3, { userId: 'someone-else' });
        const elsewhere = await projectWithSurvey();
        await store.responses.record(answer({ projectId: elsewhere.project.id, surveyId: elsewhere.survey.id }, { userId: 'u' }));

        expect(await store.responses.ofUser(project.id, 'u', { exceptId: 'answer_3', limit: 20 })).toEqual([
          { id: 'answer_2', surveyId: other.id, score: 8, category: 'passive', comment: null, factors: {}, createdAt: new Date(t + DAY).toISOString() },
          { id: 'answer_1', surveyId: survey.id, score: 3, category: 'detractor', comment: 'slow', factors: { support: -2 }, createdAt: new Date(t).toISOString() },
        ]);
        expect((await store.responses.ofUser(project.id, 'u', { limit: 1 })).map((r) => r.id)).toEqual(['answer_3']);
        expect(await store.responses.ofUser(project.id, 'nobody', { limit: 20 })).toEqual([]);
      });
    });

    describe('follow-up inbox', () => {
      // 2025-05-02 is a Friday.
      const FRIDAY = Date.UTC(2025, 4, 2, 15);

      /** Low answers by user-0… one hour apart from `start`, each opening a follow-up. */
      async function inbox(scores: number[], start = FRIDAY) {
        const { project, survey } = await projectWithSurvey();
        for (const [i, score] of scores.entries()) {
          await store.responses.record(
            answer({ projectId: project.id, surveyId: survey.id }, { clientId: `low_${i}`, userId: `user-${i}`, score, openFollowup: true, at: new Date(start + i * 3_600_000) }),
          );
        }
        const { items } = await store.followups.list(project.id, { limit: 100, sort: 'oldest' });
        return { project, survey, items };
      }

      /** Every item of the list in `query`'s order, paged `size` at a time. */
      async function all(projectId: string, query: Omit<FollowupQuery, 'limit' | 'after'>, size = 2) {
        const seen: string[] = [];
        let after: FollowupCursor | undefined;
        for (;;) {
          const page = await store.followups.list(projectId, { ...query, limit: size, after });
          seen.push(...page.items.map((f) => f.responseId));
          if (!page.next) return seen;
          after = page.next;
        }
      }

      it('opens a follow-up due 2 business days after the answer (Friday → Tuesday), overdue once that has passed', async () => {
        const { items } = await inbox([2]);
        expect(items[0]).toMatchObject({ dueAt: new Date(FRIDAY + 4 * DAY).toISOString(), overdue: true });
        const { items: fresh } = await inbox([2], Date.now());
        expect(fresh[0]!.overdue).toBe(false);
      });

      it('changes and clears the due date with a history entry, and is overdue only while unresolved and past it', async () => {
        const { items } = await inbox([4], Date.now());
        const id = items[0]!.id;
        const past = new Date(Date.now() - 60_000).toISOString();
        const moved = await store.followups.update(id, { dueAt: past }, 'alice', new Date());
        expect(moved).toMatchObject({ dueAt: past, overdue: true });
        expect(moved!.history.at(-1)).toMatchObject({ actor: 'alice', action: 'due', from: items[0]!.dueAt, to: past });
        // The same instant written in Japan time is no change.
        const sameInstant = new Date(Date.parse(past) + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
        expect((await store.followups.update(id, { dueAt: sameInstant }, 'alice', new Date()))!.history).toHaveLength(2);
        expect((await store.followups.update(id, { status: 'resolved' }, 'alice', new Date()))!.overdue).toBe(false);
        const cleared = await store.followups.update(id, { status: 'open', dueAt: null }, 'alice', new Date());
        expect(cleared).toMatchObject({ dueAt: null, overdue: false });
        expect(cleared!.history.at(-1)).toMatchObject({ action: 'due', from: past, to: null });
      });

      it('sorts oldest first, by due date (none last) and by score (lowest, then oldest, first), paging each without gaps', async () => {
        const { project, items } = await inbox([5, 0, 3, 0, 6, 2]);
        const ids = items.map((f) => f.id);
        await store.followups.update(ids[0]!, { dueAt: null }, 'a', new Date());
        await store.followups.update(ids[3]!, { dueAt: new Date(FRIDAY - DAY).toISOString() }, 'a', new Date());
        await store.followups.update(ids[5]!, { dueAt: null }, 'a', new Date());
        expect(await all(project.id, { sort: 'newest' })).toEqual(['low_5', 'low_4', 'low_3', 'low_2', 'low_1', 'low_0']);
        expect(await all(project.id, { sort: 'oldest' })).toEqual(['low_0', 'low_1', 'low_2', 'low_3', 'low_4', 'low_5']);
        for (const size of [1, 2, 4, 10]) {
          expect(await all(project.id, { sort: 'due' }, size)).toEqual(['low_3', 'low_1', 'low_2', 'low_4', 'low_0', 'low_5']);
          expect(await all(project.id, { sort: 'score' }, size)).toEqual(['low_1', 'low_3', 'low_5', 'low_2', 'low_0', 'low_4']);
        }
      });

      it('refuses a cursor made for another sort', async () => {
        const { project } = await inbox([1, 2, 3]);
        const { next } = await store.followups.list(project.id, { sort: 'newest', limit: 1 });
        await expect(store.followups.list(project.id, { sort: 'score', limit: 1, after: next! })).rejects.toThrow(RangeError);
      });

      it('filters by assignee (null: unassigned), score, answer time and overdue, and counts each status under the same filters', async () => {
        const { project, items } = await inbox([0, 1, 2, 3, 4, 5]);
        const [a, b, c, d] = items.map((f) => f.id);
        await store.followups.update(a!, { assignee: 'sato', status: 'in_progress' }, 'x', new Date());
        await store.followups.update(b!, { assignee: 'sato', status: 'resolved' }, 'x', new Date());
        await store.followups.update(c!, { assignee: 'kato' }, 'x', new Date());
        await store.followups.update(d!, { dueAt: new Date(Date.now() + DAY).toISOString() }, 'x', new Date());
        const list = async (query: Partial<FollowupQuery>) => (await store.followups.list(project.id, { limit: 50, sort: 'oldest', ...query })).items.map((f) => f.responseId);

        expect(await list({ assignee: 'sato' })).toEqual(['low_0', 'low_1']);
        expect(await list({ assignee: 'sato', status: 'resolved' })).toEqual(['low_1']);
        expect(await list({ assignee: null })).toEqual(['low_3', 'low_4', 'low_5']);
        expect(await list({ minScore: 2, maxScore: 4 })).toEqual(['low_2', 'low_3', 'low_4']);
        expect(await list({ from: new Date(FRIDAY + 3_600_000), to: new Date(FRIDAY + 3 * 3_600_000) })).toEqual(['low_1', 'low_2']);
        // All were answered in 2025, so all are past due but the resolved one and the one moved to tomorrow.
        expect(await list({ overdue: true })).toEqual(['low_0', 'low_2', 'low_4', 'low_5']);
        expect(await list({ overdue: true, sort: 'due' })).toHaveLength(4);

        expect(await store.followups.counts(project.id, {})).toEqual({ open: 4, in_progress: 1, resolved: 1 });
        expect(await store.followups.counts(project.id, { assignee: 'sato' })).toEqual({ open: 0, in_progress: 1, resolved: 1 });
        expect(await store.followups.counts(project.id, { overdue: true, maxScore: 2 })).toEqual({ open: 1, in_progress: 1, resolved: 0 });
        expect(await store.followups.counts('prj_other', {})).toEqual({ open: 0, in_progress: 0, resolved: 0 });
      });
    });

    describe('survey reach and score distribution', () => {
      it('counts answers per score 0…10 in [from, to)', async () => {
        const { project, survey } = await projectWithSurvey();
        const t = Date.UTC(2025, 2, 1);
        for (const [i, score] of [0, 0, 6, 9, 10, 10, 10].entries()) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { score, at: new Date(t + i * DAY) }));
        }
        expect(await store.reports.scoreDistribution(survey.id, {})).toEqual([2, 0, 0, 0, 0, 0, 1, 0, 0, 1, 3]);
        expect(await store.reports.scoreDistribution(survey.id, { from: new Date(t + DAY), to: new Date(t + 5 * DAY) })).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1]);
      });

      it('counts distinct users shown the survey in [from, to), and the matrix those answering', async () => {
        const { project, survey } = await projectWithSurvey();
        const other = await store.surveys.create(project.id, newSurvey());
        const t = Date.UTC(2025, 2, 1);
        let n = 0;
        const shown = (userId: string, day: number, surveyId = survey.id, type: 'survey_shown' | 'survey_dismissed' = 'survey_shown') =>
          ({ clientId: `event_${++n}`, type, surveyId, userId, at: new Date(t + day * DAY) }) as NewEvent;
        await store.events.record(project.id, [shown('a', 0), shown('a', 1), shown('b', 1), shown('c', 2), shown('d', 9), shown('e', 1, other.id), shown('f', 1, survey.id, 'survey_dismissed')]);
        for (const [userId, day] of [['a', 1], ['a', 2], ['c', 2], ['z', 20]] as const) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { userId, at: new Date(t + day * DAY) }));
        }
        expect(await store.reports.shownUsers(survey.id, { from: new Date(t), to: new Date(t + 5 * DAY) })).toBe(3);
        expect(await store.reports.shownUsers(survey.id, {})).toBe(4);
        expect(await store.reports.shownUsers(other.id, { from: new Date(t + 3 * DAY) })).toBe(0);
        // Those who answered are the users of the LTV matrix (none has an LTV here).
        expect((await store.ltvMatrix.counts(survey.id, { from: new Date(t), to: new Date(t + 5 * DAY) }, null)).unknownLtv).toBe(2);
        expect((await store.ltvMatrix.counts(survey.id, {}, null)).unknownLtv).toBe(3);
      });
    });

    describe('LTV matrix', () => {
      const t = Date.UTC(2025, 2, 1);
      const range = { from: new Date(t), to: new Date(t + 30 * DAY) };

      /**
       * u1 ltv 100 (identify, not the answer's 999) detractor; u2 ltv 300 (identify) promoter, whose
       * earlier detractor answer does not count; u3 ltv 250 (answer's attributes only) passive; u4 "500" (text: unknown)
       * promoter; u5 no ltv detractor; u6 answered before the range.
       */
      async function dataset() {
        const { project, survey } = await projectWithSurvey();
        const base = { projectId: project.id, surveyId: survey.id };
        await store.users.identify(project.id, 'u1', { ltv: 100 }, new Date(t));
        await store.users.identify(project.id, 'u2', { ltv: 300, plan: 'pro' }, new Date(t));
        await store.users.identify(project.id, 'u4', { ltv: '500' }, new Date(t));
        await store.users.identify(project.id, 'u6', { ltv: 1000 }, new Date(t));
        const rows: Array<[string, number, number, Record<string, string | number> | null]> = [
          ['u1', 3, 1, { ltv: 999 }],
          ['u2', 0, 2, null],
          ['u2', 10, 3, null],
          ['u3', 7, 4, { ltv: 250 }],
          ['u4', 9, 5, null],
          ['u5', 5, 6, { plan: 'free' }],
          ['u6', 0, -1, null],
        ];
        for (const [userId, score, day, attributes] of rows) {
          await store.responses.record(answer(base, { userId, score, attributes, at: new Date(t + day * DAY) }));
        }
        return survey;
      }

      it('counts each user once by the latest answer in range, with the median LTV as boundary when none is set', async () => {
        const survey = await dataset();
        expect(await store.ltvMatrix.counts(survey.id, range, null)).toEqual({
          boundary: 250,
          cells: { high: { detractor: 0, passive: 1, promoter: 1 }, low: { detractor: 1, passive: 0, promoter: 0 } },
          unknownLtv: 2,
        });
      });

      it('uses a set boundary, high being at or above it', async () => {
        const survey = await dataset();
        expect(await store.ltvMatrix.counts(survey.id, range, 300)).toMatchObject({
          boundary: 300,
          cells: { high: { detractor: 0, passive: 0, promoter: 1 }, low: { detractor: 1, passive: 1, promoter: 0 } },
        });
      });

      it('takes the mean of the two middle LTVs for an even number of users, and no boundary without any LTV', async () => {
        const survey = await dataset();
        // Up to day 4: u1 100, u2 300, u3 250 → 250; before day 4: u1 100, u2 300 → 200.
        expect((await store.ltvMatrix.counts(survey.id, { from: new Date(t), to: new Date(t + 4 * DAY + 1) }, null)).boundary).toBe(250);
        expect((await store.ltvMatrix.counts(survey.id, { from: new Date(t), to: new Date(t + 4 * DAY) }, null)).boundary).toBe(200);
        expect(await store.ltvMatrix.counts(survey.id, { from: new Date(t + 5 * DAY), to: new Date(t + 7 * DAY) }, null)).toEqual({
          boundary: null,
          cells: { high: { detractor: 0, passive: 0, promoter: 0 }, low: { detractor: 0, passive: 0, promoter: 0 } },
          unknownLtv: 2,
        });
        expect((await store.ltvMatrix.counts(survey.id, { from: new Date(t + 60 * DAY) }, 50)).boundary).toBe(50);
      });

      it('lists the users of a cell, highest LTV first, paging by cursor', async () => {
        const survey = await dataset();
        const page = await store.ltvMatrix.users(survey.id, range, 100, { row: 'high', column: 'promoter' }, { limit: 10 });
        expect(page).toEqual({
          items: [{ userId: 'u2', score: 10, ltv: 300, respondedAt: new Date(t + 3 * DAY).toISOString(), responseId: expect.any(String) }],
          next: null,
        });
        const high = await store.ltvMatrix.users(survey.id, range, 100, { row: 'high', column: 'detractor' }, { limit: 10 });
        expect(high.items.map((u) => u.userId)).toEqual(['u1']);
        expect((await store.ltvMatrix.users(survey.id, range, null, { row: 'low', column: 'detractor' }, { limit: 10 })).items.map((u) => u.userId)).toEqual(['u1']);
        const first = await store.ltvMatrix.users(survey.id, range, 0, { row: 'high', column: 'passive' }, { limit: 1 });
        expect(first.items.map((u) => u.userId)).toEqual(['u3']);
        expect(first.next).toBeNull();
      });

      it('pages a cell of many users without gaps, ties in LTV broken by user id', async () => {
        const { project, survey } = await projectWithSurvey();
        for (let i = 0; i < 7; i++) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { userId: `v${i}`, score: 1, attributes: { ltv: i < 4 ? 500 : i * 10 }, at: new Date(t + DAY) }));
        }
        const seen: string[] = [];
        let after: MatrixUserCursor | undefined;
        do {
          const page = await store.ltvMatrix.users(survey.id, range, 0, { row: 'high', column: 'detractor' }, { limit: 3, after });
          seen.push(...page.items.map((u) => u.userId));
          after = page.next ?? undefined;
        } while (after);
        expect(seen).toEqual(['v0', 'v1', 'v2', 'v3', 'v6', 'v5', 'v4']);
      });
    });

    describe('comments', () => {
      const t = Date.UTC(2025, 2, 1);

      async function dataset() {
        const { project, survey } = await projectWithSurvey();
        const rows: Array<[string, number, string | null, Record<string, number>]> = [
          ['c0', 2, 'Support was SLOW', { support: -3, docs: 1 }],
          ['c1', 9, 'great docs', { docs: 3 }],
          ['c2', 7, '', { support: 1 }],
          ['c3', 4, null, { support: -1 }],
          ['c4', 0, '100% broken_thing', { support: 0 }],
          ['c5', 8, 'サポートが丁寧', { support: 2 }],
        ];
        for (const [i, [clientId, score, comment, factors]] of rows.entries()) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { clientId, userId: `u-${clientId}`, score, comment, factors, at: new Date(t + i * DAY) }));
        }
        return survey;
      }
      const ids = (page: { items: Array<{ responseId: string }> }) => page.items.map((c) => c.responseId);

      it('lists answers with a non-empty comment, newest first, with their factors', async () => {
        const survey = await dataset();
        const page = await store.comments.list(survey.id, { range: {}, limit: 10 });
        expect(ids(page)).toEqual(['c5', 'c4', 'c1', 'c0']);
        expect(page.items[3]).toEqual({
          responseId: 'c0',
          userId: 'u-c0',
          score: 2,
          category: 'detractor',
          comment: 'Support was SLOW',
          factors: { support: -3, docs: 1 },
          createdAt: new Date(t).toISOString(),
        });
        expect(page.next).toBeNull();
      });

      it('filters by range, category, touchpoint and impact, and text (case-insensitive, wildcards literal)', async () => {
        const survey = await dataset();
        const list = async (query: Partial<Parameters<Store['comments']['list']>[1]>) => ids(await store.comments.list(survey.id, { range: {}, limit: 10, ...query }));
        expect(await list({ range: { from: new Date(t + DAY), to: new Date(t + 5 * DAY) } })).toEqual(['c4', 'c1']);
        expect(await list({ category: 'detractor' })).toEqual(['c4', 'c0']);
        expect(await list({ touchpoint: { key: 'support' } })).toEqual(['c5', 'c4', 'c0']);
        expect(await list({ touchpoint: { key: 'support', impact: 'negative' } })).toEqual(['c0']);
        expect(await list({ touchpoint: { key: 'support', impact: 'positive' } })).toEqual(['c5']);
        expect(await list({ touchpoint: { key: 'docs', impact: 'positive' }, category: 'promoter' })).toEqual(['c1']);
        expect(await list({ text: 'slow' })).toEqual(['c0']);
        expect(await list({ text: '丁寧' })).toEqual(['c5']);
        expect(await list({ text: '100%' })).toEqual(['c4']);
        expect(await list({ text: '%' })).toEqual(['c4']);
        expect(await list({ text: '_' })).toEqual(['c4']);
        // "great" would match e_t if _ were a wildcard.
        expect(await list({ text: 'e_t' })).toEqual([]);
      });

      it('pages newest first without gaps, ties in time broken by row', async () => {
        const { project, survey } = await projectWithSurvey();
        for (let i = 0; i < 5; i++) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { clientId: `same_${i}`, comment: `n${i}`, at: new Date(t) }));
        }
        const seen: string[] = [];
        let after: CommentCursor | undefined;
        do {
          const page = await store.comments.list(survey.id, { range: {}, limit: 2, after });
          seen.push(...ids(page));
          after = page.next ?? undefined;
        } while (after);
        expect(seen).toEqual(['same_4', 'same_3', 'same_2', 'same_1', 'same_0']);
      });
    });

    describe('exports', () => {
      async function collect<T>(batches: AsyncIterable<T[]>): Promise<{ rows: T[]; batches: number }> {
        const rows: T[] = [];
        let n = 0;
        for await (const batch of batches) {
          rows.push(...batch);
          n++;
        }
        return { rows, batches: n };
      }

      it('gives every answer of the project in range, survey by survey, oldest first, in batches', async () => {
        const { project, survey } = await projectWithSurvey();
        const second = await store.surveys.create(project.id, newSurvey());
        const t = Date.UTC(2025, 2, 1);
        // Recorded together, so they share one group commit.
        await Promise.all(
          Array.from({ length: 2_100 }, (_, i) =>
            store.responses.record(
              answer({ projectId: project.id, surveyId: i % 2 ? second.id : survey.id }, { clientId: `bulk_${i}`, userId: `u${i}`, at: new Date(t + i * 1000), factors: i === 0 ? { support: -3 } : {} }),
            ),
          ),
        );
        await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { clientId: 'late_one', at: new Date(t + 10 * DAY) }));
        const elsewhere = await projectWithSurvey();
        await store.responses.record(answer({ projectId: elsewhere.project.id, surveyId: elsewhere.survey.id }, { at: new Date(t) }));

        const { rows, batches } = await collect(store.exports.responses(project.id, { to: new Date(t + DAY) }));
        expect(rows).toHaveLength(2_100);
        expect(batches).toBe(4);
        expect(rows.slice(0, 1_050).every((r) => r.surveyId === survey.id)).toBe(true);
        expect(new Set(rows.map((r) => r.clientId)).size).toBe(2_100);
        expect(rows[0]).toEqual({
          clientId: 'bulk_0',
          createdAt: t,
          surveyId: survey.id,
          userId: 'u0',
          score: 9,
          category: 'promoter',
          comment: null,
          locale: null,
          url: null,
          factors: { support: -3 },
          attributes: null,
        });
        const times = rows.slice(0, 1_050).map((r) => r.createdAt);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect((await collect(store.exports.responses(project.id, { from: new Date(t + DAY) }))).rows.map((r) => r.clientId)).toEqual(['late_one']);
      });

      it('gives follow-ups oldest first with the latest note and whether each is overdue', async () => {
        const { project, survey } = await projectWithSurvey();
        const t = Date.UTC(2025, 2, 3);
        for (let i = 0; i < 3; i++) {
          await store.responses.record(answer({ projectId: project.id, surveyId: survey.id }, { clientId: `low_${i}`, userId: `u${i}`, score: i, comment: i === 1 ? 'bad' : null, openFollowup: true, at: new Date(t + i * DAY) }));
        }
        const [first] = (await store.followups.list(project.id, { limit: 1, sort: 'oldest' })).items;
        await store.followups.update(first!.id, { note: 'called' }, 'a', new Date());
        await store.followups.update(first!.id, { note: 'called again', assignee: 'sato', status: 'resolved' }, 'a', new Date());
        const { rows } = await collect(store.exports.followups(project.id, {}));
        expect(rows.map((r) => [r.userId, r.score, r.comment, r.lastNote, r.status, r.assignee, r.overdue])).toEqual([
          ['u0', 0, null, 'called again', 'resolved', 'sato', false],
          ['u1', 1, 'bad', null, 'open', null, true],
          ['u2', 2, null, null, 'open', null, true],
        ]);
        expect(rows[1]).toMatchObject({ createdAt: t + DAY, dueAt: t + 3 * DAY });
        expect((await collect(store.exports.followups(project.id, { from: new Date(t + DAY), to: new Date(t + 2 * DAY) }))).rows.map((r) => r.userId)).toEqual(['u1']);
      });
    });
  });
}
