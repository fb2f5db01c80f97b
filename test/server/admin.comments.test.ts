import { describe, expect, it } from 'vitest';
import type { CommentsPage } from '../../shared/schemas/comment.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, DAY_MS, eachTestServer, newAnswer, seedProject, type TestServer } from './helpers.ts';

describe('GET /api/v1/admin/surveys/:surveyId/comments', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const FROM = Date.UTC(2025, 2, 1);
  const WINDOW = `from=${new Date(FROM).toISOString()}&to=${new Date(FROM + 30 * DAY_MS).toISOString()}`;

  const answer = (label: string, score: number, day: number, comment: string | null, factors: Record<string, number> = {}) =>
    t.store.responses.record(
      newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid(label), userId: `user-${label}`, score, comment, factors, at: new Date(FROM + day * DAY_MS) }),
    );

  async function dataset() {
    await answer('c0', 2, 0, 'Support was SLOW', { support: -3, onboarding: 1 });
    await answer('c1', 9, 1, 'great onboarding', { onboarding: 3 });
    await answer('c2', 7, 2, '', { support: 1 });
    await answer('c3', 4, 3, null, { support: -1 });
    await answer('c4', 0, 4, '50% off_ramp broke', { support: 0 });
    await answer('c5', 8, 5, 'サポートが丁寧でした', { support: 2 });
    await answer('before', 1, -1, 'outside the window');
  }
  const comments = async (query = '') => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments?${WINDOW}${query}`, adminInit('GET'));
    expect(res.status).toBe(200);
    return (await res.json()) as CommentsPage;
  };
  const labels = (page: CommentsPage) => page.items.map((c) => c.userId.replace('user-', ''));

  it('lists the non-empty comments of the window, newest first, with score, category and factors', async () => {
    await dataset();
    const page = await comments();
    expect(labels(page)).toEqual(['c5', 'c4', 'c1', 'c0']);
    expect(page.items[3]).toEqual({
      responseId: cid('c0'),
      userId: 'user-c0',
      score: 2,
      category: 'detractor',
      comment: 'Support was SLOW',
      factors: { support: -3, onboarding: 1 },
      createdAt: new Date(FROM).toISOString(),
    });
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['&category=detractor', ['c4', 'c0']],
    ['&category=promoter', ['c1']],
    ['&touchpoint=support', ['c5', 'c4', 'c0']],
    ['&touchpoint=support&impact=negative', ['c0']],
    ['&touchpoint=support&impact=positive', ['c5']],
    ['&touchpoint=onboarding&impact=positive&category=detractor', ['c0']],
    ['&q=slow', ['c0']],
    ['&q=%E4%B8%81%E5%AF%A7', ['c5']],
    ['&q=50%25', ['c4']],
    ['&q=%25', ['c4']],
    ['&q=_', ['c4']],
    // "great" would match g_e if _ were a wildcard.
    ['&q=g_e', []],
    ['&q=%20%20slow%20', ['c0']],
  ])('filters %s', async (query, expected) => {
    await dataset();
    expect(labels(await comments(query))).toEqual(expected);
  });

  it('pages with limit and nextCursor, every comment once', async () => {
    await dataset();
    const first = await comments('&limit=3');
    expect(labels(first)).toEqual(['c5', 'c4', 'c1']);
    const second = await comments(`&limit=3&cursor=${first.nextCursor}`);
    expect(labels(second)).toEqual(['c0']);
    expect(second.nextCursor).toBeNull();
  });

  it('covers the last 30 days by default', async () => {
    await t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid('recent'), comment: 'recent', at: new Date(Date.now() - DAY_MS) }));
    await dataset();
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments`, adminInit('GET'));
    expect(((await res.json()) as CommentsPage).items.map((c) => c.comment)).toEqual(['recent']);
  });

  it.each([
    ['?impact=negative', 'impact'],
    ['?touchpoint=Not%20A%20Key', 'touchpoint'],
    ['?category=fan', 'category'],
    ['?q=', 'q'],
    ['?limit=201', 'limit'],
    ['?cursor=garbage', 'cursor'],
    ['?from=2025-03-10T00:00:00Z&to=2025-03-01T00:00:00Z', 'to'],
  ])('answers 400 invalid_query for %s naming %s', async (query, path) => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments${query}`, adminInit('GET'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path }] } });
  });

  it('refuses a cursor of another list, and answers 404 for an unknown survey', async () => {
    await dataset();
    const followupCursor = Buffer.from(JSON.stringify(['followups:newest', 1, 'fu_x'])).toString('base64url');
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments?cursor=${followupCursor}`, adminInit('GET'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: 'cursor' }] } });
    const missing = await t.app.request('/api/v1/admin/surveys/srv_nope/comments', adminInit('GET'));
    expect(missing.status).toBe(404);
  });
});
