import { z } from 'zod';
import { commentsPage, commentsQuery } from '../../../shared/schemas/comment.ts';
import type { Store } from '../../data/store.ts';
import { fieldError } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { windowRange } from './range.ts';
import { requireSurvey, surveyParams } from './surveys.ts';

const commentsRoute = createAdminRoute({
  method: 'get',
  path: '/surveys/{surveyId}/comments',
  summary: "A survey's comments, newest first",
  description:
    'Answers with a non-empty comment created in [from, to) (to defaults to now, from to 30 days before to). ' +
    'category; touchpoint (answers that rated it) with impact=negative|positive (rated below / above 0); q: substring, case-insensitive for A–Z.',
  tags: ['reports'],
  request: { params: surveyParams, query: commentsQuery },
  responses: { 200: jsonResponse(commentsPage, 'A page; pass nextCursor as cursor for the next'), 400: errorResponse('Invalid query'), 404: errorResponse('No such survey') },
});

const CURSOR_KIND = 'comments';
const commentCursor = z.tuple([z.number().int(), z.number().int()]);

/** What users wrote, for the dashboard's comment panel. */
export function commentRoutes(store: Store) {
  return createRouter<AdminEnv>().openapi(commentsRoute, async (c) => {
    const { surveyId } = c.req.valid('param');
    const { category, touchpoint, impact, q, limit, cursor, ...query } = c.req.valid('query');
    if (impact !== undefined && touchpoint === undefined) throw fieldError(400, 'invalid_query', [{ path: 'impact', message: 'needs a touchpoint' }]);
    const range = windowRange(query, new Date());
    const after = cursor === undefined ? undefined : decodeCursor(cursor, CURSOR_KIND, commentCursor);
    const survey = await requireSurvey(store, surveyId);
    const { items, next } = await store.comments.list(survey.id, {
      range,
      category,
      touchpoint: touchpoint === undefined ? undefined : { key: touchpoint, impact },
      text: q,
      limit,
      after: after && { createdAt: after[0], rowId: after[1] },
    });
    return c.json({ items, nextCursor: next && encodeCursor(CURSOR_KIND, [next.createdAt, next.rowId]) }, 200);
  });
}
