import { z } from 'zod';
import { CATEGORIES } from '../score.ts';
import { pageQuery, timeRangeQuery } from './common.ts';
import { touchpointKey } from './survey.ts';

/**
 * A survey's comments, newest first. `touchpoint` keeps answers that rated that touchpoint
 * (with `impact`, only negative or only positive ratings); `q` is a substring of the comment,
 * case-insensitive for A–Z.
 */
export const commentsQuery = timeRangeQuery.extend({
  category: z.enum(CATEGORIES).optional(),
  touchpoint: touchpointKey.optional(),
  impact: z.enum(['negative', 'positive']).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  ...pageQuery.shape,
});
export type CommentsQuery = z.input<typeof commentsQuery>;

export const surveyComment = z.object({
  /** The widget's id of the answer. */
  responseId: z.string(),
  userId: z.string(),
  score: z.number(),
  category: z.enum(CATEGORIES),
  comment: z.string(),
  factors: z.record(z.string(), z.number()),
  createdAt: z.string(),
});
export type SurveyComment = z.infer<typeof surveyComment>;

export const commentsPage = z.object({ items: z.array(surveyComment), nextCursor: z.string().nullable() });
export type CommentsPage = z.infer<typeof commentsPage>;
