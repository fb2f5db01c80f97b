import { describe, expect, it } from 'vitest';
import type { MatrixUsersPage, SurveyDashboard } from '../../shared/schemas/dashboard.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { UserAttributes } from '../../shared/schemas/common.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, DAY_MS, eachTestServer, newAnswer, seedProject, TOUCHPOINTS, type TestServer } from './helpers.ts';

// The window under test is March 2025 (30 days); the one before it is 2025-01-30 … 2025-03-01.
const FROM = Date.UTC(2025, 2, 1);
const TO = FROM + 30 * DAY_MS;
const WINDOW = `from=${new Date(FROM).toISOString()}&to=${new Date(TO).toISOString()}`;

describe('GET /api/v1/admin/surveys/:surveyId/dashboard and /matrix-users', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  let n = 0;
  const answer = (userId: string, score: number, at: number, factors: Record<string, number> = {}, attributes: UserAttributes | null = null) =>
    t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid(`answer${++n}`), userId, score, at: new Date(at), factors, attributes }));
  const shown = (userId: string, at: number) =>
    t.store.events.record(project.id, [{ clientId: cid(`shown${++n}`), type: 'survey_shown', surveyId: survey.id, userId, at: new Date(at) }]);
  const day = (d: number, hours = 9) => FROM + d * DAY_MS + hours * 3_600_000;

  /**
   * In March, 7 answers of 6 users. LTV (identify) a 100, b 400, c 900; d has ltv 250 only on its
   * answer; e and f none. a answers 2, then 10 (the latest counts in the matrix); b 9; c 0; d 7;
   * e 5; f 10. Shown to a b c d e g h (7 users; g and h never answer). Before March: one promoter
   * and one detractor (NPS 0); one more answer right at the window's (exclusive) end.
   */
  async function dataset() {
    await t.store.users.identify(project.id, 'a', { ltv: 100 }, new Date(FROM));
    await t.store.users.identify(project.id, 'b', { ltv: 400 }, new Date(FROM));
    await t.store.users.identify(project.id, 'c', { ltv: 900, plan: 'enterprise' }, new Date(FROM));
    await answer('a', 2, day(1), { onboarding: -3, support: -1 });
    await answer('a', 10, day(8), { onboarding: 2 });
    await answer('b', 9, day(2), { support: 3 });
    await answer('c', 0, day(3), { support: -3, onboarding: -1 });
    await answer('d', 7, day(9), {}, { ltv: 250 });
    await answer('e', 5, day(15), { support: 1 });
    await answer('f', 10, day(29, 23), {});
    await answer('x', 9, FROM - 10 * DAY_MS);
    await answer('y', 3, FROM - DAY_MS);
    await answer('late', 0, TO);
    for (const user of ['a', 'b', 'c', 'd', 'e', 'g', 'h']) await shown(user, day(1));
    await shown('a', day(2));
    await shown('z', FROM - DAY_MS);
  }

  const dashboard = async (query = WINDOW) => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/dashboard?${query}`, adminInit('GET'));
    expect(res.status).toBe(200);
    return (await res.json()) as SurveyDashboard;
  };
  const matrixUsers = async (query: string) => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/matrix-users?${WINDOW}&${query}`, adminInit('GET'));
    expect(res.status).toBe(200);
    return (await res.json()) as MatrixUsersPage;
  };

  it('gives the window, its NPS against the window before, the trend and the score distribution', async () => {
    await dataset();
    const d = await dashboard(`${WINDOW}&interval=week`);
    expect(d.range).toEqual({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString() });
    // 7 answers: promoters 10 9 10, passive 7, detractors 2 0 5 → NPS 0.
    expect(d.current).toEqual({ total: 7, promoters: 3, passives: 1, detractors: 3, nps: 0 });
    expect(d.previous).toEqual({ total: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 });
    expect(d.npsChange).toBe(0);
    expect(d.distribution).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 2]);
    expect(d.trend).toEqual([
      // Sunday 2 March falls in the week of Monday 24 February.
      { period: '2025-02-24', total: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 },
      { period: '2025-03-03', total: 3, promoters: 2, passives: 0, detractors: 1, nps: ((2 - 1) / 3) * 100 },
      { period: '2025-03-10', total: 2, promoters: 0, passives: 1, detractors: 1, nps: -50 },
      { period: '2025-03-24', total: 1, promoters: 1, passives: 0, detractors: 0, nps: 100 },
    ]);
    expect((await dashboard(`${WINDOW}&interval=month`)).trend.map((p) => p.period)).toEqual(['2025-03-01']);
  });

  it('gives the change against the window before, null when either has no answers', async () => {
    await answer('p', 10, day(1));
    await answer('q', 0, FROM - DAY_MS);
    await answer('r', 0, FROM - 2 * DAY_MS);
    const d = await dashboard();
    expect(d.current.nps).toBe(100);
    expect(d.previous).toMatchObject({ total: 2, nps: -100 });
    expect(d.npsChange).toBe(200);
    expect((await dashboard(`from=${new Date(TO).toISOString()}&to=${new Date(TO + DAY_MS).toISOString()}`)).npsChange).toBeNull();
  });

  it('counts distinct users shown and answering for the response rate', async () => {
    await dataset();
    const d = await dashboard();
    expect(d).toMatchObject({ shown: 7, answered: 6, responseRate: 6 / 7 });
    expect(await dashboard(`from=${new Date(TO + DAY_MS).toISOString()}&to=${new Date(TO + 2 * DAY_MS).toISOString()}`)).toMatchObject({
      shown: 0,
      answered: 0,
      responseRate: null,
      current: { total: 0, nps: null },
      distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
  });

  it('ranks touchpoints lowest mean first, with labels, those nobody rated last', async () => {
    await dataset();
    const { factors } = await dashboard();
    expect(factors).toEqual([
      { key: 'onboarding', label: TOUCHPOINTS[0]!.label, count: 3, mean: (-3 + 2 - 1) / 3, meanByCategory: { promoter: 2, passive: null, detractor: -2 } },
      { key: 'support', label: TOUCHPOINTS[1]!.label, count: 4, mean: 0, meanByCategory: { promoter: 3, passive: null, detractor: -1 } },
      { key: 'billing', label: 'Billing', count: 0, mean: null, meanByCategory: { promoter: null, passive: null, detractor: null } },
    ]);
  });

  it('puts users in the LTV matrix by their latest answer, split at the median LTV unless the project sets a boundary', async () => {
    await dataset();
    // Known LTVs: a 100, b 400, c 900, d 250 (from its answer) → median (250 + 400) / 2 = 325.
    expect((await dashboard()).matrix).toEqual({
      ltvBoundary: 325,
      boundarySource: 'median',
      cells: { high: { detractor: 1, passive: 0, promoter: 1 }, low: { detractor: 0, passive: 1, promoter: 1 } },
      unknownLtv: 2,
    });
    const patched = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { ltvBoundary: 100 }));
    expect(await patched.json()).toMatchObject({ ltvBoundary: 100 });
    expect((await dashboard()).matrix).toEqual({
      ltvBoundary: 100,
      boundarySource: 'setting',
      cells: { high: { detractor: 1, passive: 1, promoter: 2 }, low: { detractor: 0, passive: 0, promoter: 0 } },
      unknownLtv: 2,
    });
  });

  it('has no boundary when no user in the window has an LTV and none is set', async () => {
    await answer('nobody-knows', 3, day(1));
    expect((await dashboard()).matrix).toEqual({
      ltvBoundary: null,
      boundarySource: 'none',
      cells: { high: { detractor: 0, passive: 0, promoter: 0 }, low: { detractor: 0, passive: 0, promoter: 0 } },
      unknownLtv: 1,
    });
    expect((await matrixUsers('row=low&column=detractor')).items).toEqual([]);
  });

  it('lists the users of a matrix cell, highest LTV first, with their latest answer', async () => {
    await dataset();
    const { items, nextCursor } = await matrixUsers('row=high&column=promoter');
    expect(nextCursor).toBeNull();
    expect(items).toEqual([{ userId: 'b', score: 9, ltv: 400, respondedAt: new Date(day(2)).toISOString(), responseId: expect.any(String) }]);
    expect((await matrixUsers('row=low&column=promoter')).items.map((u) => [u.userId, u.score, u.ltv])).toEqual([['a', 10, 100]]);
    expect((await matrixUsers('row=low&column=passive')).items.map((u) => u.userId)).toEqual(['d']);
    expect((await matrixUsers('row=high&column=passive')).items).toEqual([]);
  });

  it('pages a cell with nextCursor and refuses a cursor of another cell', async () => {
    for (let i = 0; i < 5; i++) await answer(`user-${i}`, 1, day(1), {}, { ltv: 1000 + i });
    await answer('cheap', 1, day(1), {}, { ltv: 1 });
    // Median 1002: user-2 … user-4 are high.
    const first = await matrixUsers('row=high&column=detractor&limit=2');
    expect(first.items.map((u) => u.userId)).toEqual(['user-4', 'user-3']);
    const second = await matrixUsers(`row=high&column=detractor&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((u) => u.userId)).toEqual(['user-2']);
    expect(second.nextCursor).toBeNull();
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/matrix-users?row=low&column=detractor&cursor=${first.nextCursor}`, adminInit('GET'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'cursor' }] } });
  });

  it('covers the last 30 days up to now by default', async () => {
    const now = Date.now();
    await answer('recent', 10, now - 29 * DAY_MS);
    await answer('old', 0, now - 31 * DAY_MS);
    const d = await dashboard('');
    expect(Date.parse(d.range.to)).toBeGreaterThan(now - 60_000);
    expect(Date.parse(d.range.to) - Date.parse(d.range.from)).toBe(30 * DAY_MS);
    expect(d.current).toMatchObject({ total: 1, promoters: 1 });
    expect(d.previous).toMatchObject({ total: 1, detractors: 1 });
    const to = new Date(now - 20 * DAY_MS).toISOString();
    expect((await dashboard(`to=${to}`)).range).toEqual({ from: new Date(Date.parse(to) - 30 * DAY_MS).toISOString(), to });
    expect((await matrixUsers('row=high&column=promoter')).items).toEqual([]);
  });

  it.each([
    ['dashboard?interval=year', 'interval'],
    ['dashboard?from=last-week', 'from'],
    ['dashboard?from=2025-03-10T00:00:00Z&to=2025-03-01T00:00:00Z', 'to'],
    ['dashboard?from=2999-01-01T00:00:00Z', 'to'],
    ['matrix-users?column=promoter', 'row'],
    ['matrix-users?row=high&column=fan', 'column'],
    ['matrix-users?row=high&column=promoter&limit=0', 'limit'],
    ['matrix-users?row=high&column=promoter&cursor=garbage', 'cursor'],
  ])('answers 400 invalid_query for %s naming %s', async (path, field) => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/${path}`, adminInit('GET'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: field }] } });
  });

  it.each(['dashboard', 'matrix-users?row=high&column=promoter'])('answers 404 for an unknown survey (%s)', async (path) => {
    const res = await t.app.request(`/api/v1/admin/surveys/srv_nope/${path}`, adminInit('GET'));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'survey_not_found' } });
  });
});
