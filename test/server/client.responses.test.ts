import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, postInit, seedProject, eachTestServer, type TestServer } from './helpers.ts';

describe('POST /api/v1/client/:projectKey/responses', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const url = () => `/api/v1/client/${project.key}/responses`;
  const answer = (fields: Record<string, unknown> = {}) => ({ id: cid('answer1'), surveyId: survey.id, userId: 'user-1', score: 9, ...fields });
  const send = (body: unknown, options?: Parameters<typeof postInit>[1]) => t.app.request(url(), postInit(body, options));

  const followups = async () => {
    const res = await t.app.request(`/api/v1/admin/projects/${project.id}/followups`, adminInit('GET'));
    return ((await res.json()) as { items: Array<Record<string, any>> }).items;
  };

  describe('scoring and follow-ups', () => {
    it.each([
      [0, 'detractor'],
      [6, 'detractor'],
      [7, 'passive'],
      [8, 'passive'],
      [9, 'promoter'],
      [10, 'promoter'],
    ])('score %i is stored as a %s and answered 201 with the client id', async (score, category) => {
      const res = await send(answer({ score }));
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: cid('answer1'), category });
      expect(t.count('responses')).toBe(1);
    });

    it('opens a follow-up for 6 (the default threshold) but not for 7', async () => {
      await send(answer({ id: cid('six'), score: 6, userId: 'six' }));
      await send(answer({ id: cid('seven'), score: 7, userId: 'seven' }));
      const items = await followups();
      expect(items.map((f) => f.userId)).toEqual(['six']);
      expect(items[0]).toMatchObject({ status: 'open', history: [{ action: 'created', to: 'open' }] });
    });

    it('follows the survey’s own threshold: 4 opens one, 5 does not', async () => {
      const strict = await t.store.surveys.create(project.id, { ...survey, detractorThreshold: 4 });
      await send(answer({ id: cid('four'), surveyId: strict.id, score: 4, userId: 'four' }));
      await send(answer({ id: cid('five'), surveyId: strict.id, score: 5, userId: 'five' }));
      expect((await followups()).map((f) => f.userId)).toEqual(['four']);
    });

    it('keeps the user’s attributes, locale and url with the follow-up', async () => {
      await send(answer({ score: 2, locale: 'ja', url: 'https://app.acme.test/billing', attributes: { plan: 'pro', ltv: 120000, trial: false } }));
      const [item] = await followups();
      expect(item).toMatchObject({
        attributes: { plan: 'pro', ltv: 120000, trial: false },
        response: { score: 2, category: 'detractor', locale: 'ja', url: 'https://app.acme.test/billing', comment: null, factors: {} },
      });
    });

    it('accepts answers to a survey switched off after it was shown', async () => {
      await t.store.surveys.update(survey.id, { active: false });
      const res = await send(answer());
      expect(res.status).toBe(201);
      expect(t.count('responses')).toBe(1);
    });
  });

  describe('idempotency and partial answers', () => {
    it('answers a retry of the same id with 200 and the same result, storing one row and one follow-up', async () => {
      const first = await send(answer({ score: 3 }));
      const retry = await send(answer({ score: 3 }));
      expect(first.status).toBe(201);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual(await first.json());
      expect(t.count('responses')).toBe(1);
      expect(t.count('followups')).toBe(1);
      expect(t.count('followup_history')).toBe(1);
    });

    it('completes the same response with factors, then comment; the score never changes', async () => {
      expect((await send(answer({ score: 5 }))).status).toBe(201);
      const withFactors = await send(answer({ score: 10, factors: { support: -3, billing: 1 } }));
      expect(withFactors.status).toBe(200);
      expect(await withFactors.json()).toEqual({ id: cid('answer1'), category: 'detractor' });
      const withComment = await send(answer({ score: 10, factors: { support: 3, billing: 1, onboarding: 2 }, comment: 'サポートの返事が遅い' }));
      expect(withComment.status).toBe(200);
      await send(answer({ score: 10, comment: 'second thoughts' }));

      expect(t.count('responses')).toBe(1);
      expect(t.count('response_factors')).toBe(3);
      const [item] = await followups();
      expect(item!.response).toMatchObject({ score: 5, category: 'detractor', factors: { support: -3, billing: 1, onboarding: 2 }, comment: 'サポートの返事が遅い' });
    });

    it('refuses with 409 id_conflict a re-send naming another survey or user, changing nothing', async () => {
      const other = await t.store.surveys.create(project.id, { ...survey, name: 'Other' });
      await send(answer({ score: 2 }));
      for (const changed of [{ surveyId: other.id }, { userId: 'someone-else' }]) {
        const res = await send(answer({ score: 2, comment: 'hijack', ...changed }));
        expect(res.status).toBe(409);
        expect(await res.json()).toMatchObject({ error: { code: 'id_conflict', issues: [{ path: 'id' }] } });
      }
      expect(t.count('responses')).toBe(1);
      expect((await followups())[0]!.response.comment).toBeNull();
    });
  });

  describe('content types', () => {
    it('accepts text/plain (the widget’s choice) and application/json alike', async () => {
      expect((await send(answer({ id: cid('plain') }), { contentType: 'text/plain' })).status).toBe(201);
      expect((await send(answer({ id: cid('json') }), { contentType: 'application/json; charset=utf-8' })).status).toBe(201);
      expect(t.count('responses')).toBe(2);
    });

    it.each([['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['text/html'], [null]])(
      'answers 415 unsupported_media_type for content type %s and stores nothing',
      async (contentType) => {
        const res = await send(answer(), { contentType });
        expect(res.status).toBe(415);
        expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
        expect(t.count('responses')).toBe(0);
      },
    );

    it('answers 400 malformed_json for a body that is not JSON', async () => {
      const res = await send('{"id": "abc', { contentType: 'application/json' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'malformed_json' } });
      expect(t.count('responses')).toBe(0);
    });

    it('answers 413 payload_too_large past 64 KB and stores nothing', async () => {
      const res = await send(answer({ comment: 'x'.repeat(70 * 1024) }));
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(t.count('responses')).toBe(0);
    });
  });

  describe('validation names the field and stores nothing', () => {
    it.each([
      ['score 11', { score: 11 }, 'score'],
      ['score -1', { score: -1 }, 'score'],
      ['score 3.5', { score: 3.5 }, 'score'],
      ['score as a string', { score: '9' }, 'score'],
      ['factor 4', { factors: { support: 4 } }, 'factors.support'],
      ['factor -4', { factors: { support: -4 } }, 'factors.support'],
      ['malformed factor key', { factors: { 'Not A Key': 1 } }, 'factors.Not A Key'],
      ['comment over 2000', { comment: 'a'.repeat(2001) }, 'comment'],
      ['bad id', { id: 'short' }, 'id'],
      ['id with spaces', { id: 'has spaces in it' }, 'id'],
      ['missing userId', { userId: undefined }, 'userId'],
      ['missing score', { score: undefined }, 'score'],
      ['bad url', { url: 'not a url' }, 'url'],
      ['bad locale', { locale: 'Japanese' }, 'locale'],
    ])('%s → 400 invalid_body at the field', async (_label, fields, path) => {
      const res = await send(answer({ score: 2, ...fields }));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; issues: Array<{ path: string }> } };
      expect(body.error.code).toBe('invalid_body');
      expect(body.error.issues.map((i) => i.path)).toContain(path);
      expect(body.error.message).toContain(path);
      expect(t.count('responses')).toBe(0);
      expect(t.count('followups')).toBe(0);
    });

    it('answers 400 at factors.<key> for a touchpoint the survey does not have', async () => {
      const res = await send(answer({ score: 1, factors: { support: 1, pricing: -2 } }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'factors.pricing' }] } });
      expect(t.count('responses')).toBe(0);
      expect(t.count('followups')).toBe(0);
    });

    it('answers 404 naming surveyId for a survey of another project', async () => {
      const { survey: foreign } = await seedProject(t.store);
      const res = await send(answer({ surveyId: foreign.id }));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'survey_not_found', issues: [{ path: 'surveyId' }] } });
      expect(t.count('responses')).toBe(0);
    });

    it('answers 404 project_not_found for an unknown project key', async () => {
      const res = await t.app.request('/api/v1/client/pk_unknown/responses', postInit(answer()));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'project_not_found' } });
      expect(t.count('responses')).toBe(0);
    });
  });
});
