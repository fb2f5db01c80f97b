import { z } from 'zod';
import { localizedText } from './common.ts';

export const reportQuery = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  interval: z.enum(['day', 'week', 'month']).default('week'),
});

const factorMean = z.number().nullable();

export const surveyReport = z.object({
  total: z.number(),
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  /** Exact value −100…100; null when nobody answered. */
  nps: z.number().nullable(),
  /** 95 % adjusted-Wald interval of `nps`. */
  npsInterval: z.object({ low: z.number(), high: z.number() }).nullable(),
  factors: z.array(
    z.object({
      key: z.string(),
      label: localizedText,
      /** Mean over answered factors only (skipped = not applicable); null when none. */
      mean: factorMean,
      count: z.number(),
      meanByCategory: z.object({ promoter: factorMean, passive: factorMean, detractor: factorMean }),
    }),
  ),
  trend: z.array(z.object({ period: z.string(), total: z.number(), nps: z.number().nullable() })),
});
export type SurveyReport = z.infer<typeof surveyReport>;
