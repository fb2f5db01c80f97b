import { z } from 'zod';
import { clientId, localeTag, userAttributes, userId } from './common.ts';
import { touchpointKey } from './survey.ts';
import { COMMENT_MAX, URL_MAX } from '../limits.ts';
import { FACTOR_MAX, FACTOR_MIN, SCORE_MAX, SCORE_MIN } from '../score.ts';

/**
 * A survey answer from the widget. The widget sends it as soon as the score is chosen and sends
 * it again, with the same `id`, when touchpoints and comment are added: later sends only add
 * fields, a stored score never changes.
 */
export const responseInput = z.object({
  id: clientId,
  surveyId: z.string().min(1).max(64),
  userId,
  score: z.number().int().min(SCORE_MIN).max(SCORE_MAX),
  /** Touchpoint key → influence −3…+3; a skipped touchpoint is "not applicable". */
  factors: z.record(touchpointKey, z.number().int().min(FACTOR_MIN).max(FACTOR_MAX)).optional(),
  comment: z.string().max(COMMENT_MAX).optional(),
  locale: localeTag.optional(),
  url: z.string().url().max(URL_MAX).optional(),
  /** The user's `identify` attributes at answer time, kept with the response for follow-up. */
  attributes: userAttributes.optional(),
});
export type ResponseInput = z.infer<typeof responseInput>;

export const responseResult = z.object({
  id: z.string(),
  category: z.enum(['detractor', 'passive', 'promoter']),
});
export type ResponseResult = z.infer<typeof responseResult>;
