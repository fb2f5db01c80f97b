import { z } from 'zod';
import { localizedText, timeRangeQuery } from './common.ts';

export const REPORT_INTERVALS = ['day', 'week', 'month'] as const;

export const reportQuery = timeRangeQuery.extend({ interval: z.enum(REPORT_INTERVALS).default('week') });

const factorMean = z.number().nullable();

/** How a touchpoint moved the answers: its mean influence (−3…+3), overall and per category. */
export const factorReport = z.object({
  key: z.string(),
  label: localizedText,
  /** Mean over answered factors only (skipped = not applicable); null when none. */
  mean: factorMean,
  count: z.number(),
  meanByCategory: z.object({ promoter: factorMean, passive: factorMean, detractor: factorMean }),
});
export type FactorReport = z.infer<typeof factorReport>;

export const surveyReport = z.object({
  total: z.number(),
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  /** Exact value −100…100; null when nobody answered. */
  nps: z.number().nullable(),
  /** 95 % adjusted-Wald interval of `nps`. */
  npsInterval: z.object({ low: z.number(), high: z.number() }).nullable(),
  factors: z.array(factorReport),
  trend: z.array(z.object({ period: z.string(), total: z.number(), nps: z.number().nullable() })),
});
export type SurveyReport = z.infer<typeof surveyReport>;
