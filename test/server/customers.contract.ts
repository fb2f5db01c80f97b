import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent, NewResponse, Store } from '../../server/data/store.ts';
import { guideInput } from '../../shared/schemas/guide.ts';
import { surveyInput } from '../../shared/schemas/survey.ts';
import { newAnswer } from './answers.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * What every `Store` must do for privacy requests (customers), retention and job leases. Run it
 * once per implementation, like `runStoreContract`; `makeStore` returns an empty, migrated store.
 */
export function runCustomersContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract (customers, retention, jobs): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    async function projectWithSurvey() {
      const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
      const survey = await store.surveys.create(project.id, surveyInput.parse({ name: 'NPS', touchpoints: [{ key: 'support', label: 'Support' }] }));
      const guide = await store.guides.create(project.id, guideInput.parse({ name: 'Tour', steps: [{ title: 'A', body: 'a' }, { title: 'B', body: 'b' }] }));
      return { project, survey, guide };
    }

    let seq = 0;
    const answer = (base: { projectId: string; surveyId: string }, fields: Partial<NewResponse> = {}): NewResponse =>
      newAnswer(base, { clientId: `client_${++seq}`, userId: 'alice', ...fields });

    /** Alice with attributes, two answers (one a detractor with a noted follow-up), events and guide progress; Bob with one answer. */
    async function alice() {
      const seeded = await projectWithSurvey();
      const { project, survey, guide } = seeded;
      const base = { projectId: project.id, surveyId: survey.id };
      const at = new Date(Date.now() - DAY);
      await store.users.identify(project.id, 'alice', { plan: 'pro', email: 'alice@example.com' }, at);
      const low = answer(base, { score: 3, factors: { support: -2 }, comment: 'Support never answered', locale: 'ja', url: 'https://app.test/billing', attributes: { plan: 'pro' }, at });
      await store.responses.record(low);
      await store.responses.record(answer(base, { score: 10, comment: 'Love it', at: new Date(at.getTime() + 1000) }));
      await store.responses.record(answer(base, { userId: 'bob', score: 8, comment: 'Fine' }));
      const events: NewEvent[] = [
        { clientId: 'event_a1', type: 'survey_shown', surveyId: survey.id, userId: 'alice', at },
        { clientId: 'event_a2', type: 'guide_shown', guideId: guide.id, userId: 'alice', at },
        { clientId: 'event_a3', type: 'track', name: 'invoice.sent', props: { amount: 5 }, userId: 'alice', at },
        { clientId: 'event_b1', type: 'survey_shown', surveyId: survey.id, userId: 'bob', at },
      ];
      await store.events.record(project.id, events);
      const followup = (await store.followups.list(project.id, { limit: 10 })).items[0]!;
      await store.followups.update(followup.id, { note: 'Called her, she is unhappy with billing', assignee: 'cs@acme.test' }, 'cs@acme.test', new Date());
      return { ...seeded, low, followupId: followup.id };
    }

    describe('customers', () => {
      it('exports everything stored about a user, and nothing of others', async () => {
        const { project, survey, guide, low, followupId } = await alice();
        const exported = (await store.customers.export(project.id, 'alice', new Date('2026-12-06T00:00:00Z')))!;
        expect(exported).toMatchObject({ projectId: project.id, userId: 'alice', exportedAt: '2026-12-06T00:00:00.000Z' });
        expect(exported.profile?.attributes).toEqual({ plan: 'pro', email: 'alice@example.com' });
        expect(exported.responses.map((r) => [r.id, r.score, r.comment])).toEqual([
          [low.clientId, 3, 'Support never answered'],
          [expect.any(String), 10, 'Love it'],
        ]);
        expect(exported.responses[0]).toMatchObject({ surveyId: survey.id, factors: { support: -2 }, locale: 'ja', url: 'https://app.test/billing', attributes: { plan: 'pro' } });
        expect(exported.events.map((e) => e.id).sort()).toEqual(['event_a1', 'event_a2', 'event_a3']);
        expect(exported.events.find((e) => e.id === 'event_a3')).toMatchObject({ type: 'track', name: 'invoice.sent', props: { amount: 5 } });
        expect(exported.guideProgress).toEqual([{ guideId: guide.id, stepIndex: 0, status: 'active', updatedAt: expect.any(String) }]);
        expect(exported.followups).toHaveLength(1);
        expect(exported.followups[0]).toMatchObject({ id: followupId, responseId: low.clientId, assignee: 'cs@acme.test' });
        expect(exported.followups[0]!.history.map((h) => h.note).filter(Boolean)).toEqual(['Called her, she is unhappy with billing']);
      });

      it('exports null for a user nothing is stored about, also in another project', async () => {
        const { project } = await alice();
        const other = await store.projects.create({ name: 'Other', allowedOrigins: [] });
        expect(await store.customers.export(project.id, 'nobody', new Date())).toBeNull();
        expect(await store.customers.export(other.id, 'alice', new Date())).toBeNull();
      });

      it('erases the person but keeps anonymous score rows, so the counts do not move', async () => {
        const { project, survey, guide, low, followupId } = await alice();
        const distribution = await store.reports.scoreDistribution(survey.id, {});
        const counts = await store.followups.counts(project.id, {});
        const at = new Date('2026-12-06T01:02:03Z');

        const erased = await store.customers.erase(project.id, 'alice', 'owner@acme.test', at);
        expect(erased).toEqual({
          id: expect.any(String),
          userId: 'alice',
          actor: 'owner@acme.test',
          at: at.toISOString(),
          erased: { responses: 2, events: 3, profile: 1, guideProgress: 1, notes: 1, messages: 0 },
        });

        expect(await store.customers.export(project.id, 'alice', new Date())).toBeNull();
        expect(await store.users.attributes(project.id, 'alice')).toBeNull();
        expect(await store.guides.progressOf(project.id, 'alice')).toEqual(new Map());
        expect(await store.responses.ofUser(project.id, 'alice', { limit: 10 })).toEqual([]);
        // Aggregates are unchanged: the scores, their touchpoint answers and the follow-up stay.
        expect(await store.reports.scoreDistribution(survey.id, {})).toEqual(distribution);
        expect(await store.followups.counts(project.id, {})).toEqual(counts);
        const aggregates = await store.reports.surveyAggregates(survey.id, {}, 'day');
        expect(aggregates.factors).toEqual([expect.objectContaining({ key: 'support', mean: -2, count: 1 })]);
        // Only users still known are shown the survey; guide reports no longer count her.
        expect(await store.reports.shownUsers(survey.id, {})).toBe(1);
        expect((await store.reports.guideAggregates(guide.id)).shown).toBe(0);

        const followup = (await store.followups.get(followupId))!;
        expect(followup.userId).toMatch(/^erased_/);
        expect(followup.response).toMatchObject({ score: 3, factors: { support: -2 }, comment: null, url: null, locale: null });
        expect(followup.attributes).toEqual({});
        expect(followup.assignee).toBe('cs@acme.test');
        expect(followup.history.some((h) => h.action === 'note' || h.note)).toBe(false);
        // Each erased answer has a pseudonym of its own: nothing links them.
        const comments = await store.comments.list(survey.id, { range: {}, limit: 10 });
        expect(comments.items.map((c) => c.comment)).toEqual(['Fine']);
        expect(await store.responses.ofUser(project.id, followup.userId, { limit: 10 })).toHaveLength(1);
        // Bob is untouched.
        expect((await store.customers.export(project.id, 'bob', new Date()))!.responses).toHaveLength(1);
        expect(low.userId).toBe('alice');
      });

      it('removes the webhook and mail events about the user, sent or not, and leaves others’', async () => {
        const { project } = await projectWithSurvey();
        await store.users.identify(project.id, 'alice', { plan: 'pro' }, new Date());
        await store.webhooks.create(project.id, { url: 'https://hooks.example.com/x', events: ['response.created'], format: 'standard', description: null, active: true, secret: 'whsec_x' }, new Date());
        const emit = (id: string, userId: string, minutesAgo: number) =>
          store.outbox.emit({ id, projectId: project.id, type: 'response.created', userId, envelope: { id, data: { userId, comment: 'private' } }, at: new Date(Date.now() - minutesAgo * MINUTE) });
        await emit('evt_sent000001', 'alice', 3);
        await emit('evt_pending001', 'alice', 2);
        await emit('evt_bobs000001', 'bob', 1);
        const [sent] = (await store.outbox.claim('x', new Date(), MINUTE, 1))!;
        await store.outbox.finish(sent!.id, 'x', { at: new Date(), statusCode: 200, error: null, durationMs: 1, response: '' }, { status: 'delivered' });

        expect((await store.customers.erase(project.id, 'alice', 'owner', new Date()))?.erased.messages).toBe(2);
        const left = await store.outbox.claim('y', new Date(Date.now() + DAY), MINUTE, 10);
        expect(left.map((d) => d.eventId)).toEqual(['evt_bobs000001']);
        const [endpoint] = await store.webhooks.list(project.id);
        expect((await store.webhooks.deliveries(endpoint!.id, { limit: 10 })).items.map((d) => d.eventId)).toEqual(['evt_bobs000001']);
      });

      it('refuses a re-sent answer of the erased user as a conflict, never re-attaching it', async () => {
        const { project, low } = await alice();
        await store.customers.erase(project.id, 'alice', 'owner', new Date());
        expect(await store.responses.record({ ...low, factors: { support: 3 }, comment: 'again' })).toEqual({ outcome: 'conflict' });
        expect(await store.customers.export(project.id, 'alice', new Date())).toBeNull();
        // A new answer of hers is hers again, as a new person.
        expect(await store.responses.record({ ...low, clientId: 'client_new1', comment: 'new' })).toMatchObject({ outcome: 'created' });
        expect((await store.customers.export(project.id, 'alice', new Date()))!.responses).toHaveLength(1);
      });

      it('erases nothing and logs nothing for an unknown user; logs erasures newest first per project', async () => {
        const { project } = await alice();
        expect(await store.customers.erase(project.id, 'nobody', 'owner', new Date())).toBeNull();
        expect(await store.customers.erasures(project.id)).toEqual([]);
        const first = await store.customers.erase(project.id, 'bob', 'a@acme.test', new Date('2026-12-01T00:00:00Z'));
        const second = await store.customers.erase(project.id, 'alice', 'b@acme.test', new Date('2026-12-02T00:00:00Z'));
        expect(await store.customers.erase(project.id, 'alice', 'b@acme.test', new Date())).toBeNull();
        expect(await store.customers.erasures(project.id)).toEqual([second, first]);
        const other = await store.projects.create({ name: 'Other', allowedOrigins: [] });
        expect(await store.customers.erasures(other.id)).toEqual([]);
      });

      it('erases a user known only by their attributes', async () => {
        const { project } = await projectWithSurvey();
        await store.users.identify(project.id, 'carol', { plan: 'free' }, new Date());
        expect((await store.customers.erase(project.id, 'carol', 'owner', new Date()))?.erased).toEqual({ responses: 0, events: 0, profile: 1, guideProgress: 0, notes: 0, messages: 0 });
      });
    });

    describe('retention', () => {
      const NOW = new Date('2026-12-06T12:00:00Z');
      const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

      /** A project with answers and dismissals 100 and 10 days old. */
      async function aged(retentionDays: number | null) {
        const { project, survey } = await projectWithSurvey();
        if (retentionDays !== null) await store.projects.update(project.id, { retentionDays });
        const base = { projectId: project.id, surveyId: survey.id };
        await store.responses.record(answer(base, { userId: 'old', score: 2, comment: 'old text', at: ago(100) }));
        await store.responses.record(answer(base, { userId: 'old2', score: 9, comment: 'old praise', at: ago(95) }));
        await store.responses.record(answer(base, { userId: 'new', score: 3, comment: 'new text', at: ago(10) }));
        await store.events.record(project.id, [
          { clientId: `ev_old_${project.id}`, type: 'survey_dismissed', surveyId: survey.id, userId: 'old', at: ago(100) },
          { clientId: `ev_old2_${project.id}`, type: 'survey_shown', surveyId: survey.id, userId: 'old', at: ago(99) },
          { clientId: `ev_new_${project.id}`, type: 'survey_dismissed', surveyId: survey.id, userId: 'new', at: ago(10) },
        ]);
        return { project, survey };
      }

      it('deletes older events and clears older comments only in projects with retention on, and records each run', async () => {
        const on = await aged(30);
        const off = await aged(null);
        // Batches of one: every row goes through its own batch.
        const results = await store.retention.run(NOW, { batchSize: 1 });
        expect(results).toEqual([{ projectId: on.project.id, events: 2, comments: 2 }]);

        expect(await store.events.lastDismissedAt(on.project.id, 'old')).toEqual(new Map());
        expect(await store.events.lastDismissedAt(on.project.id, 'new')).toEqual(new Map([[on.survey.id, ago(10).getTime()]]));
        expect((await store.comments.list(on.survey.id, { range: {}, limit: 10 })).items.map((c) => c.comment)).toEqual(['new text']);
        // Scores stay: only the free text goes.
        expect(await store.reports.scoreDistribution(on.survey.id, {})).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0]);
        expect((await store.projects.get(on.project.id))!.retentionLastRun).toEqual({ at: NOW.toISOString(), events: 2, comments: 2 });

        expect(await store.events.lastDismissedAt(off.project.id, 'old')).toEqual(new Map([[off.survey.id, ago(100).getTime()]]));
        expect((await store.comments.list(off.survey.id, { range: {}, limit: 10 })).items).toHaveLength(3);
        expect((await store.projects.get(off.project.id))!.retentionLastRun).toBeNull();
      });

      it('keeps what is younger than the setting, and records a run that deleted nothing', async () => {
        const { project, survey } = await aged(365);
        expect(await store.retention.run(NOW)).toEqual([{ projectId: project.id, events: 0, comments: 0 }]);
        expect((await store.comments.list(survey.id, { range: {}, limit: 10 })).items).toHaveLength(3);
        expect((await store.projects.get(project.id))!).toMatchObject({ retentionDays: 365, retentionLastRun: { at: NOW.toISOString(), events: 0, comments: 0 } });
        // Turned off again: no longer run.
        await store.projects.update(project.id, { retentionDays: null });
        expect(await store.retention.run(NOW)).toEqual([]);
      });
    });

    describe('jobs', () => {
      const T = new Date('2026-12-06T00:00:00Z');
      const at = (ms: number) => new Date(T.getTime() + ms);
      const LEASE = 10 * MINUTE;
      const HOUR = 60 * MINUTE;

      it('lets exactly one of two concurrent claimers win', async () => {
        const outcomes = await Promise.all([store.jobs.claim('retention', 'a', T, LEASE, HOUR), store.jobs.claim('retention', 'b', T, LEASE, HOUR)]);
        expect(outcomes.filter(Boolean)).toHaveLength(1);
      });

      it('lets another claim a job whose lease expired (a crashed run), not before', async () => {
        expect(await store.jobs.claim('retention', 'a', T, LEASE, HOUR)).toBe(true);
        expect(await store.jobs.claim('retention', 'b', at(LEASE - 1), LEASE, HOUR)).toBe(false);
        expect(await store.jobs.claim('retention', 'b', at(LEASE), LEASE, HOUR)).toBe(true);
        // The crashed owner's late release does not free b's lease.
        await store.jobs.release('retention', 'a', T);
        expect(await store.jobs.claim('retention', 'c', at(LEASE + 1), LEASE, HOUR)).toBe(false);
      });

      it('is not due again until the interval after a successful run; a failed run is due at once', async () => {
        expect(await store.jobs.claim('retention', 'a', T, LEASE, HOUR)).toBe(true);
        await store.jobs.release('retention', 'a', T);
        expect(await store.jobs.claim('retention', 'a', at(HOUR - 1), LEASE, HOUR)).toBe(false);
        expect(await store.jobs.claim('retention', 'b', at(HOUR), LEASE, HOUR)).toBe(true);
        await store.jobs.release('retention', 'b', null);
        expect(await store.jobs.claim('retention', 'a', at(HOUR + 1), LEASE, HOUR)).toBe(true);
        // Jobs are independent.
        expect(await store.jobs.claim('other', 'a', at(HOUR + 1), LEASE, HOUR)).toBe(true);
      });
    });
  });
}
