import { z } from 'zod';
import { dashboardQuery, matrixUsersPage, matrixUsersQuery, surveyDashboard, type LtvMatrix, type NpsSummary, type SurveyDashboard } from '../../../shared/schemas/dashboard.ts';
import type { FactorReport } from '../../../shared/schemas/report.ts';
import { nps, tallyOfScores, type Tally } from '../../../shared/score.ts';
import type { LtvBoundarySetting, LtvMatrixCounts, Store } from '../../data/store.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { requireProject } from './projects.ts';
import { windowRange } from './range.ts';
import { factorReports, totalOf } from './reports.ts';
import { requireSurvey, surveyParams } from './surveys.ts';

const dashboardRoute = createAdminRoute({
  method: 'get',
  path: '/surveys/{surveyId}/dashboard',
  summary: 'Everything the survey dashboard shows for a window, against the window before it',
  description:
    'Answers created in [from, to) (ISO times; to defaults to now, from to 30 days before to), trend by UTC day, ISO week (Monday) or month, ' +
    'score distribution, reach (distinct users shown vs. answering), touchpoints lowest mean first, and the LTV × category matrix of users by their latest answer.',
  tags: ['reports'],
  request: { params: surveyParams, query: dashboardQuery },
  responses: { 200: jsonResponse(surveyDashboard, 'The dashboard'), 400: errorResponse('Invalid query'), 404: errorResponse('No such survey') },
});

const matrixUsersRoute = createAdminRoute({
  method: 'get',
  path: '/surveys/{surveyId}/matrix-users',
  summary: 'The users behind one cell of the LTV matrix, highest LTV first',
  description: 'The same window and boundary as the dashboard for the same from/to. A cursor only pages the cell it was made for.',
  tags: ['reports'],
  request: { params: surveyParams, query: matrixUsersQuery },
  responses: { 200: jsonResponse(matrixUsersPage, 'A page; pass nextCursor as cursor for the next'), 400: errorResponse('Invalid query'), 404: errorResponse('No such survey') },
});

const summaryOf = (tally: Tally): NpsSummary => ({ total: totalOf(tally), ...tally, nps: nps(tally) });

/** Lowest mean first (what pulls NPS down on top); touchpoints nobody rated last, in survey order. */
const byImpact = (a: FactorReport, b: FactorReport) => (a.mean ?? Infinity) - (b.mean ?? Infinity);

function matrixOf(setting: LtvBoundarySetting, { boundary, cells, unknownLtv }: LtvMatrixCounts): LtvMatrix {
  const boundarySource = setting !== null ? 'setting' : boundary !== null ? 'median' : 'none';
  return { ltvBoundary: boundary, boundarySource, cells, unknownLtv };
}

const matrixCursor = z.tuple([z.number(), z.string()]);

/** The survey dashboard and its click-through to the users of a matrix cell. */
export function dashboardRoutes(store: Store) {
  return createRouter<AdminEnv>()
    .openapi(dashboardRoute, async (c) => {
      const { surveyId } = c.req.valid('param');
      const { interval, ...query } = c.req.valid('query');
      const range = windowRange(query, new Date());
      const survey = await requireSurvey(store, surveyId);
      const { ltvBoundary } = await requireProject(store, survey.projectId);
      // The equally long window just before, for the change.
      const previous = { from: new Date(2 * range.from.getTime() - range.to.getTime()), to: range.from };
      const [aggregates, distribution, previousDistribution, shown, matrix] = await Promise.all([
        store.reports.surveyAggregates(survey.id, range, interval),
        store.reports.scoreDistribution(survey.id, range),
        store.reports.scoreDistribution(survey.id, previous),
        store.reports.shownUsers(survey.id, range),
        store.ltvMatrix.counts(survey.id, range, ltvBoundary),
      ]);
      // The matrix counts every user who answered in the window once.
      const answered = Object.values(matrix.cells).reduce((n, row) => n + row.detractor + row.passive + row.promoter, matrix.unknownLtv);
      const current = summaryOf(aggregates.tally);
      const before = summaryOf(tallyOfScores(previousDistribution));
      const body: SurveyDashboard = {
        range: { from: range.from.toISOString(), to: range.to.toISOString() },
        current,
        previous: before,
        npsChange: current.nps === null || before.nps === null ? null : current.nps - before.nps,
        trend: aggregates.trend.map(({ period, ...tally }) => ({ period, ...summaryOf(tally) })),
        distribution,
        shown,
        answered,
        responseRate: shown === 0 ? null : answered / shown,
        factors: factorReports(survey, aggregates.factors).sort(byImpact),
        matrix: matrixOf(ltvBoundary, matrix),
      };
      return c.json(body, 200);
    })
    .openapi(matrixUsersRoute, async (c) => {
      const { surveyId } = c.req.valid('param');
      const { row, column, limit, cursor, ...query } = c.req.valid('query');
      const range = windowRange(query, new Date());
      const kind = `matrix:${row}:${column}`;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, kind, matrixCursor);
      const survey = await requireSurvey(store, surveyId);
      const { ltvBoundary } = await requireProject(store, survey.projectId);
      const { items, next } = await store.ltvMatrix.users(survey.id, range, ltvBoundary, { row, column }, { limit, after: after && { ltv: after[0], userId: after[1] } });
      return c.json({ items, nextCursor: next && encodeCursor(kind, [next.ltv, next.userId]) }, 200);
    });
}
