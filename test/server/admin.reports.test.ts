import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categorize, npsInterval } from '../../shared/score.ts';
import type { SurveyReport } from '../../shared/schemas/report.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, makeTestServer, seedProject, TOUCHPOINTS, type TestServer } from './helpers.ts';

describe('GET /api/v1/admin/surveys/:surveyId/report', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;

  // 3 promoters, 1 passive, 2 detractors → NPS (3 − 2) / 6 = 16.666…
  const DATASET: Array<[score: number, at: string, factors: Record<string, number>]> = [
    [10, '2025-03-03T09:00:00Z', { onboarding: 3, support: 2 }],
    [9, '2025-03-04T09:00:00Z', { onboarding: 2 }],
    [9, '2025-03-11T09:00:00Z', {}],
    [7, '2025-03-12T09:00:00Z', { onboarding: 1, support: 0 }],
    [4, '2025-04-02T09:00:00Z', { support: -3 }],
    [0, '2025-04-02T10:00:00Z', { onboarding: -2, support: -1 }],
  ];

  beforeEach(async () => {
    t = makeTestServer();
    ({ project, survey } = await seedProject(t.store));
    for (const [i, [score, at, factors]] of DATASET.entries()) {
      await t.store.responses.record({
        projectId: project.id,
        surveyId: survey.id,
        clientId: cid(`r${i}`),
        userId: `user-${i}`,
        score,
        category: categorize(score),
        factors,
        comment: null,
        locale: null,
        url: null,
        attributes: null,
        openFollowup: false,
        at: new Date(at),
      });
    }
  });
  afterEach(() => t.close());

  const report = async (query = '') => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/report${query}`, adminInit('GET'));
    expect(res.status).toBe(200);
    return (await res.json()) as SurveyReport;
  };

  it('counts categories and gives the exact NPS with its interval', async () => {
    const r = await report();
    expect(r).toMatchObject({ total: 6, promoters: 3, passives: 1, detractors: 2 });
    expect(r.nps).toBeCloseTo(100 / 6, 10);
    expect(r.npsInterval).toEqual(npsInterval({ promoters: 3, passives: 1, detractors: 2 }));
  });

  it('gives every current touchpoint in order, averaging answered factors only, overall and per category', async () => {
    const r = await report();
    expect(r.factors).toEqual([
      { key: 'onboarding', label: TOUCHPOINTS[0]!.label, count: 4, mean: (3 + 2 + 1 - 2) / 4, meanByCategory: { promoter: 2.5, passive: 1, detractor: -2 } },
      { key: 'support', label: TOUCHPOINTS[1]!.label, count: 4, mean: (2 + 0 - 3 - 1) / 4, meanByCategory: { promoter: 2, passive: 0, detractor: -2 } },
      { key: 'billing', label: 'Billing', count: 0, mean: null, meanByCategory: { promoter: null, passive: null, detractor: null } },
    ]);
  });

  it('trends by ISO week by default, and by day or month when asked', async () => {
    expect((await report()).trend).toEqual([
      { period: '2025-03-03', total: 2, nps: 100 },
      { period: '2025-03-10', total: 2, nps: 50 },
      { period: '2025-03-31', total: 2, nps: -100 },
    ]);
    expect((await report('?interval=month')).trend).toEqual([
      { period: '2025-03-01', total: 4, nps: 75 },
      { period: '2025-04-01', total: 2, nps: -100 },
    ]);
    expect((await report('?interval=day')).trend.map((p) => p.period)).toEqual(['2025-03-03', '2025-03-04', '2025-03-11', '2025-03-12', '2025-04-02']);
  });

  it('limits to from (inclusive) and to (exclusive)', async () => {
    const r = await report('?from=2025-03-04T09:00:00Z&to=2025-03-12T09:00:00Z');
    expect(r).toMatchObject({ total: 2, promoters: 2, passives: 0, detractors: 0, nps: 100 });
    expect(r.factors[0]).toMatchObject({ key: 'onboarding', count: 1, mean: 2 });
  });

  it('gives null NPS and means for a window with no answers', async () => {
    const r = await report('?from=2030-01-01T00:00:00Z');
    expect(r).toMatchObject({ total: 0, nps: null, npsInterval: null, trend: [] });
    expect(r.factors.every((f) => f.mean === null && f.count === 0)).toBe(true);
  });

  it.each([
    ['?interval=year', 'interval'],
    ['?from=yesterday', 'from'],
    ['?from=2025-03-10T00:00:00Z&to=2025-03-01T00:00:00Z', 'to'],
  ])('answers 400 invalid_query for %s naming %s', async (query, path) => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/report${query}`, adminInit('GET'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path }] } });
  });

  it('answers 404 for an unknown survey', async () => {
    const res = await t.app.request('/api/v1/admin/surveys/srv_nope/report', adminInit('GET'));
    expect(res.status).toBe(404);
  });
});
