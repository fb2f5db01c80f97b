import { z } from 'zod';
import { CATEGORIES } from '../score.ts';
import { pageQuery, timeRangeQuery } from './common.ts';
import { factorReport, REPORT_INTERVALS, surveyReport } from './report.ts';

/** The dashboard's window: `to` defaults to now, `from` to 30 days before `to`. */
export const DASHBOARD_DEFAULT_DAYS = 30;

export const dashboardQuery = timeRangeQuery.extend({ interval: z.enum(REPORT_INTERVALS).default('week') });

/** Answers per category and the exact NPS (−100…100; null when nobody answered). */
export const npsSummary = surveyReport.pick({ total: true, promoters: true, passives: true, detractors: true, nps: true });
export type NpsSummary = z.infer<typeof npsSummary>;

export const LTV_ROWS = ['high', 'low'] as const;
export type LtvRow = (typeof LTV_ROWS)[number];

const cellCounts = z.object({ detractor: z.number(), passive: z.number(), promoter: z.number() });

/**
 * Users by LTV and by the category of their latest answer in the window. LTV is the numeric `ltv`
 * attribute (the user's latest `identify`, else the one stored with the answer); `high` is
 * `ltv >= ltvBoundary`. The boundary is the project's `ltvBoundary` setting, else the median LTV of
 * these users; `none` when neither exists (every user then counts in `unknownLtv`).
 */
export const ltvMatrix = z.object({
  ltvBoundary: z.number().nullable(),
  boundarySource: z.enum(['setting', 'median', 'none']),
  cells: z.object({ high: cellCounts, low: cellCounts }),
  /** Users without a numeric `ltv`. */
  unknownLtv: z.number(),
});
export type LtvMatrix = z.infer<typeof ltvMatrix>;

export const surveyDashboard = z.object({
  /** The window `[from, to)` the figures are for. */
  range: z.object({ from: z.string(), to: z.string() }),
  current: npsSummary,
  /** The equally long window just before `range`. */
  previous: npsSummary,
  /** `current.nps − previous.nps`; null when either is null. */
  npsChange: z.number().nullable(),
  /** Periods with answers, ascending; `period` is the UTC start date (weeks start Monday). */
  trend: z.array(npsSummary.extend({ period: z.string() })),
  /** Answers per score, index 0…10. */
  distribution: z.array(z.number()).length(11),
  /** Distinct users shown the survey in the window (`survey_shown` events). */
  shown: z.number(),
  /** Distinct users who answered in the window. */
  answered: z.number(),
  /** `answered / shown`; null when nobody was shown it. Can pass 1 if answers arrived whose shown event was lost. */
  responseRate: z.number().nullable(),
  /** Every touchpoint of the survey, lowest mean first (the ones pulling NPS down on top); no answers last. */
  factors: z.array(factorReport),
  matrix: ltvMatrix,
});
export type SurveyDashboard = z.infer<typeof surveyDashboard>;

/** The users behind one cell of the LTV matrix, highest LTV first. */
export const matrixUsersQuery = timeRangeQuery.extend({
  row: z.enum(LTV_ROWS),
  column: z.enum(CATEGORIES),
  ...pageQuery.shape,
});

export const matrixUser = z.object({
  userId: z.string(),
  score: z.number(),
  ltv: z.number(),
  respondedAt: z.string(),
  /** The widget's id of the latest answer (as `responseId` of follow-ups). */
  responseId: z.string(),
});
export type MatrixUser = z.infer<typeof matrixUser>;

export const matrixUsersPage = z.object({ items: z.array(matrixUser), nextCursor: z.string().nullable() });
export type MatrixUsersPage = z.infer<typeof matrixUsersPage>;
