import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent, NewResponse, Store } from '../../server/data/store.ts';
import { guideInput } from '../../shared/schemas/guide.ts';
import { surveyInput } from '../../shared/schemas/survey.ts';
import { newAnswer } from './answers.ts';

/** An event's own fields, each type with its own (Omit over the union would keep only the shared ones). */
type EventFields<E = NewEvent> = E extends NewEvent ? Omit<E, 'clientId' | 'at'> : never;

/**
 * Archiving and deleting surveys, guides and projects, as every `Store` implementation must do
 * them: `runArchiveDeleteContract('sqlite', async () => openSqliteStore(file))`. `makeStore` must
 * return an empty, migrated store; the suite closes it after each test.
 */
export function runArchiveDeleteContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: archive and delete (${name})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const newProject = (name = 'Acme') => store.projects.create({ name, allowedOrigins: [] });
    const newSurvey = (projectId: string, fields: { active?: boolean } = {}) =>
      store.surveys.create(projectId, surveyInput.parse({ name: 'NPS', touchpoints: [{ key: 'support', label: 'Support' }], ...fields }));
    const newGuide = (projectId: string, fields: { active?: boolean } = {}) =>
      store.guides.create(projectId, guideInput.parse({ name: 'Tour', steps: [{ title: 'A', body: 'a' }, { title: 'B', body: 'b' }], ...fields }));

    let seq = 0;
    const answer = (projectId: string, surveyId: string, fields: Partial<NewResponse> = {}) =>
      store.responses.record(newAnswer({ projectId, surveyId }, { clientId: `client_${++seq}`, userId: 'user-1', ...fields }));
    const event = (projectId: string, fields: EventFields) => store.events.record(projectId, [{ clientId: `event_${++seq}`, at: new Date(), ...fields } as NewEvent]);
    const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

    describe('archive', () => {
      it('archives a survey (keeping the first time), unarchives it, and moves updatedAt', async () => {
        const project = await newProject();
        const survey = await newSurvey(project.id);
        expect(survey.archivedAt).toBeNull();
        await new Promise((resolve) => setTimeout(resolve, 5));
        const archived = await store.surveys.update(survey.id, { archived: true });
        expect(archived).toMatchObject({ name: 'NPS', active: true, archivedAt: expect.any(String) });
        expect(new Date(archived!.archivedAt!).toISOString()).toBe(archived!.archivedAt);
        expect(Date.parse(archived!.updatedAt)).toBeGreaterThan(Date.parse(survey.updatedAt));
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect((await store.surveys.update(survey.id, { archived: true, name: 'Renamed' }))?.archivedAt).toBe(archived!.archivedAt);
        expect(await store.surveys.get(survey.id)).toMatchObject({ name: 'Renamed', archivedAt: archived!.archivedAt });
        expect(await store.surveys.update(survey.id, { archived: false })).toMatchObject({ archivedAt: null });
        expect(await store.surveys.update('srv_nope', { archived: true })).toBeNull();
      });

      it('lists surveys by archived filter (all by default), and never offers an archived one as active', async () => {
        const project = await newProject();
        const kept = await newSurvey(project.id);
        const archived = await newSurvey(project.id);
        await store.surveys.update(archived.id, { archived: true });
        expect(ids(await store.surveys.listByProject(project.id))).toEqual([kept.id, archived.id]);
        expect(ids(await store.surveys.listByProject(project.id, { archived: 'include' }))).toEqual([kept.id, archived.id]);
        expect(ids(await store.surveys.listByProject(project.id, { archived: 'exclude' }))).toEqual([kept.id]);
        expect(ids(await store.surveys.listByProject(project.id, { archived: 'only' }))).toEqual([archived.id]);
        expect(ids(await store.surveys.listByProject(project.id, { activeOnly: true }))).toEqual([kept.id]);
      });

      it('archives and unarchives a guide, lists guides by archived filter, and never offers an archived one as active', async () => {
        const project = await newProject();
        const kept = await newGuide(project.id);
        const guide = await newGuide(project.id);
        const archived = await store.guides.update(guide.id, { archived: true });
        expect(archived).toMatchObject({ active: true, archivedAt: expect.any(String) });
        expect(Date.parse(archived!.updatedAt)).toBeGreaterThan(Date.parse(guide.updatedAt));
        expect(ids(await store.guides.listByProject(project.id))).toEqual([kept.id, guide.id]);
        expect(ids(await store.guides.listByProject(project.id, { archived: 'exclude' }))).toEqual([kept.id]);
        expect(ids(await store.guides.listByProject(project.id, { archived: 'only' }))).toEqual([guide.id]);
        expect(ids(await store.guides.listByProject(project.id, { activeOnly: true }))).toEqual([kept.id]);
        expect(await store.guides.update(guide.id, { archived: false })).toMatchObject({ archivedAt: null });
        expect(ids(await store.guides.listByProject(project.id, { activeOnly: true }))).toEqual([kept.id, guide.id]);
      });

      it('archives and unarchives a project, listed by archived filter, still read by id and key', async () => {
        const kept = await newProject('Kept');
        const project = await newProject('Old');
        expect(project.archivedAt).toBeNull();
        const archived = await store.projects.update(project.id, { archived: true });
        expect(archived).toMatchObject({ name: 'Old', archivedAt: expect.any(String) });
        expect(await store.projects.update(project.id, { archived: true, name: 'Older' })).toMatchObject({ name: 'Older', archivedAt: archived!.archivedAt });
        expect(await store.projects.getByKey(project.key)).toMatchObject({ id: project.id, archivedAt: archived!.archivedAt });
        expect(ids(await store.projects.list())).toEqual([kept.id, project.id]);
        expect(ids(await store.projects.list({ archived: 'exclude' }))).toEqual([kept.id]);
        expect(ids(await store.projects.list({ archived: 'only' }))).toEqual([project.id]);
        expect(await store.projects.update(project.id, { archived: false })).toMatchObject({ archivedAt: null });
        expect(ids(await store.projects.list({ archived: 'exclude' }))).toEqual([kept.id, project.id]);
      });
    });

    describe('delete a survey', () => {
      it('is null for an unknown survey', async () => {
        expect(await store.surveys.delete('srv_nope', { force: true })).toBeNull();
      });

      it('deletes a survey without answers, with its events', async () => {
        const project = await newProject();
        const survey = await newSurvey(project.id);
        await event(project.id, { type: 'survey_dismissed', surveyId: survey.id, userId: 'user-1' });
        expect(await store.surveys.delete(survey.id, { force: false })).toEqual({ outcome: 'deleted' });
        expect(await store.surveys.get(survey.id)).toBeNull();
        expect(await store.events.lastDismissedAt(project.id, 'user-1')).toEqual(new Map());
      });

      it('refuses while it has answers, saying how many, and changes nothing', async () => {
        const project = await newProject();
        const survey = await newSurvey(project.id);
        await answer(project.id, survey.id, { score: 2 });
        await answer(project.id, survey.id, { score: 9, userId: 'user-2' });
        expect(await store.surveys.delete(survey.id, { force: false })).toEqual({ outcome: 'has_answers', answers: 2 });
        expect(await store.surveys.get(survey.id)).not.toBeNull();
        expect(await store.responses.ofUser(project.id, 'user-1', { limit: 10 })).toHaveLength(1);
        expect((await store.followups.list(project.id, { limit: 10 })).items).toHaveLength(1);
      });

      it('with force deletes its answers, follow-ups with their history and events, and nothing of another survey', async () => {
        const project = await newProject();
        const survey = await newSurvey(project.id);
        const other = await newSurvey(project.id);
        await answer(project.id, survey.id, { score: 2, factors: { support: -2 }, comment: 'slow' });
        await answer(project.id, other.id, { score: 3 });
        await event(project.id, { type: 'survey_dismissed', surveyId: survey.id, userId: 'user-1' });
        const followups = (await store.followups.list(project.id, { limit: 10 })).items;
        const mine = followups.find((f) => f.surveyId === survey.id)!;
        await store.followups.update(mine.id, { status: 'in_progress', note: 'called' }, 'cs@acme.test', new Date());

        expect(await store.surveys.delete(survey.id, { force: true })).toEqual({ outcome: 'deleted' });
        expect(await store.surveys.get(survey.id)).toBeNull();
        expect(await store.followups.get(mine.id)).toBeNull();
        expect((await store.responses.ofUser(project.id, 'user-1', { limit: 10 })).map((r) => r.surveyId)).toEqual([other.id]);
        expect(ids((await store.followups.list(project.id, { limit: 10 })).items)).toEqual(followups.filter((f) => f.surveyId === other.id).map((f) => f.id));
        expect(await store.events.lastDismissedAt(project.id, 'user-1')).toEqual(new Map());
        expect(ids(await store.surveys.listByProject(project.id))).toEqual([other.id]);
      });
    });

    describe('delete a guide', () => {
      it('is null for an unknown guide', async () => {
        expect(await store.guides.delete('gd_nope', { force: false })).toBeNull();
      });

      it('deletes a guide nobody used, with its authoring links and sessions', async () => {
        const project = await newProject();
        const guide = await newGuide(project.id);
        const now = new Date();
        await store.authoring.createLink({
          projectId: project.id,
          guideId: guide.id,
          origin: 'https://app.acme.test',
          linkHash: 'link-hash',
          expiresAt: new Date(now.getTime() + 600_000),
          createdBy: 'pm@acme.test',
        });
        await store.authoring.exchange('link-hash', 'session-hash', now, new Date(now.getTime() + 3_600_000));
        expect(await store.guides.delete(guide.id, { force: false })).toEqual({ outcome: 'deleted' });
        expect(await store.guides.get(guide.id)).toBeNull();
        expect(await store.authoring.session('session-hash', now)).toBeNull();
      });

      it('counts the distinct users with its events or progress, refuses without force, and with force deletes them', async () => {
        const project = await newProject();
        const guide = await newGuide(project.id);
        const other = await newGuide(project.id);
        await event(project.id, { type: 'guide_shown', guideId: guide.id, userId: 'u' });
        await event(project.id, { type: 'guide_step_shown', guideId: guide.id, stepIndex: 1, userId: 'u' });
        // No progress for this one: a missing target moves nothing, but it is a user's record all the same.
        await event(project.id, { type: 'guide_target_missing', guideId: guide.id, stepIndex: 0, userId: 'v' });
        await event(project.id, { type: 'guide_shown', guideId: other.id, userId: 'u' });

        expect(await store.guides.delete(guide.id, { force: false })).toEqual({ outcome: 'has_answers', answers: 2 });
        expect((await store.guides.progressOf(project.id, 'u')).has(guide.id)).toBe(true);

        expect(await store.guides.delete(guide.id, { force: true })).toEqual({ outcome: 'deleted' });
        expect(await store.guides.get(guide.id)).toBeNull();
        expect([...(await store.guides.progressOf(project.id, 'u')).keys()]).toEqual([other.id]);
        expect(await store.reports.guideAggregates(guide.id)).toEqual({ shown: 0, completed: 0, dismissed: 0, steps: [] });
        expect((await store.reports.guideAggregates(other.id)).shown).toBe(1);
      });
    });

    describe('delete a project', () => {
      it('is null for an unknown project', async () => {
        expect(await store.projects.delete('prj_nope', { force: true })).toBeNull();
      });

      it('deletes an unused project with its surveys, guides and end-users', async () => {
        const project = await newProject();
        const survey = await newSurvey(project.id);
        const guide = await newGuide(project.id);
        await store.users.identify(project.id, 'user-1', { plan: 'pro' }, new Date());
        expect(await store.projects.delete(project.id, { force: false })).toEqual({ outcome: 'deleted' });
        expect(await store.projects.get(project.id)).toBeNull();
        expect(await store.projects.getByKey(project.key)).toBeNull();
        expect(await store.surveys.get(survey.id)).toBeNull();
        expect(await store.guides.get(guide.id)).toBeNull();
        expect(await store.users.attributes(project.id, 'user-1')).toBeNull();
      });

      it('counts answers and guide users, refuses without force, and with force deletes all of it but another project', async () => {
        const project = await newProject();
        const survey = await newSurvey(project.id);
        const guide = await newGuide(project.id);
        await answer(project.id, survey.id, { score: 1 });
        await answer(project.id, survey.id, { score: 10, userId: 'user-2' });
        await event(project.id, { type: 'guide_shown', guideId: guide.id, userId: 'user-1' });
        await event(project.id, { type: 'survey_shown', surveyId: survey.id, userId: 'user-1' });
        await store.users.identify(project.id, 'user-1', { plan: 'pro' }, new Date());
        const [followup] = (await store.followups.list(project.id, { limit: 10 })).items;
        await store.followups.update(followup!.id, { note: 'called' }, 'cs@acme.test', new Date());
        const endpoint = await store.webhooks.create(
          project.id,
          { url: 'https://hooks.acme.test/kizuna', events: ['followup.created'], format: 'standard', description: null, active: true, secret: 'whsec_test' },
          new Date(),
        );

        const other = await newProject('Other');
        const otherSurvey = await newSurvey(other.id);
        await answer(other.id, otherSurvey.id, { score: 0 });

        expect(await store.projects.delete(project.id, { force: false })).toEqual({ outcome: 'has_answers', answers: 3 });
        expect(await store.surveys.get(survey.id)).not.toBeNull();

        expect(await store.projects.delete(project.id, { force: true })).toEqual({ outcome: 'deleted' });
        expect(await store.projects.get(project.id)).toBeNull();
        expect(await store.surveys.get(survey.id)).toBeNull();
        expect(await store.guides.get(guide.id)).toBeNull();
        expect(await store.followups.get(followup!.id)).toBeNull();
        expect(await store.responses.ofUser(project.id, 'user-1', { limit: 10 })).toEqual([]);
        expect((await store.followups.list(project.id, { limit: 10 })).items).toEqual([]);
        expect(await store.guides.progressOf(project.id, 'user-1')).toEqual(new Map());
        expect(await store.users.attributes(project.id, 'user-1')).toBeNull();
        expect(await store.webhooks.get(endpoint.id)).toBeNull();

        expect(ids(await store.projects.list())).toEqual([other.id]);
        expect(await store.responses.ofUser(other.id, 'user-1', { limit: 10 })).toHaveLength(1);
        expect((await store.followups.list(other.id, { limit: 10 })).items).toHaveLength(1);
      });
    });
  });
}
