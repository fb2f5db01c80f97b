import { guideReport, type Guide, type GuideReport } from '../../../shared/schemas/guide.ts';
import { reportQuery, surveyReport, type FactorReport, type SurveyReport } from '../../../shared/schemas/report.ts';
import type { Survey } from '../../../shared/schemas/survey.ts';
import { nps, npsInterval, type Tally } from '../../../shared/score.ts';
import type { FactorAggregate, GuideAggregates, Store, SurveyAggregates } from '../../data/store.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { guideParams, requireGuide } from './guides.ts';
import { queryRange } from './range.ts';
import { requireSurvey, surveyParams } from './surveys.ts';

const reportRoute = createAdminRoute({
  method: 'get',
  path: '/surveys/{surveyId}/report',
  summary: 'NPS, touchpoint influence and trend of a survey',
  description: 'Answers created in [from, to) (ISO times; either end may be left open), trend by UTC day, ISO week (Monday) or month.',
  tags: ['reports'],
  request: { params: surveyParams, query: reportQuery },
  responses: { 200: jsonResponse(surveyReport, 'The report'), 400: errorResponse('Invalid query'), 404: errorResponse('No such survey') },
});

const guideReportRoute = createAdminRoute({
  method: 'get',
  path: '/guides/{guideId}/report',
  summary: 'How many users were shown, completed and dismissed a guide, and its step funnel',
  description: 'Distinct users per event, so re-sent events never count twice; one entry per current step of the guide.',
  tags: ['reports'],
  request: { params: guideParams },
  responses: { 200: jsonResponse(guideReport, 'The report'), 404: errorResponse('No such guide') },
});

export const totalOf = ({ promoters, passives, detractors }: Tally) => promoters + passives + detractors;

/**
 * One entry per current touchpoint of the survey, in its order, labelled, with zeros for those
 * nobody rated; aggregates of removed touchpoints are left out.
 */
export function factorReports(survey: Survey, factors: readonly FactorAggregate[]): FactorReport[] {
  const factorsByKey = new Map(factors.map((f) => [f.key, f]));
  return survey.touchpoints.map(({ key, label }) => {
    const aggregate = factorsByKey.get(key);
    return {
      key,
      label,
      mean: aggregate?.mean ?? null,
      count: aggregate?.count ?? 0,
      meanByCategory: aggregate?.meanByCategory ?? { promoter: null, passive: null, detractor: null },
    };
  });
}

/** Shapes database aggregates into the report: NPS from shared/score.ts, factors in the survey's touchpoint order. */
function buildReport(survey: Survey, { tally, factors, trend }: SurveyAggregates): SurveyReport {
  return {
    total: totalOf(tally),
    ...tally,
    nps: nps(tally),
    npsInterval: npsInterval(tally),
    factors: factorReports(survey, factors),
    trend: trend.map(({ period, ...periodTally }) => ({ period, total: totalOf(periodTally), nps: nps(periodTally) })),
  };
}

/** The guide's current steps in order, with zeros for steps nobody reached; events of removed steps are left out. */
function buildGuideReport(guide: Guide, { steps, ...totals }: GuideAggregates): GuideReport {
  const byIndex = new Map(steps.map((s) => [s.index, s]));
  return { ...totals, steps: guide.steps.map((_, index) => byIndex.get(index) ?? { index, shown: 0, completed: 0 }) };
}

/** Survey and guide reports. */
export function reportRoutes(store: Store) {
  return createRouter<AdminEnv>()
    .openapi(reportRoute, async (c) => {
      const { surveyId } = c.req.valid('param');
      const { interval, ...query } = c.req.valid('query');
      const range = queryRange(query);
      const survey = await requireSurvey(store, surveyId);
      return c.json(buildReport(survey, await store.reports.surveyAggregates(survey.id, range, interval)), 200);
    })
    .openapi(guideReportRoute, async (c) => {
      const guide = await requireGuide(store, c.req.valid('param').guideId);
      return c.json(buildGuideReport(guide, await store.reports.guideAggregates(guide.id)), 200);
    });
}
