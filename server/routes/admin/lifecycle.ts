import type { Context } from 'hono';
import { hasAnswersBody, type HasAnswersBody } from '../../../shared/schemas/archive.ts';
import type { DeleteResult } from '../../data/store.ts';
import { errorJson, notFound } from '../../errors.ts';
import { errorResponse, jsonResponse } from '../../openapi.ts';

type Kind = 'project' | 'survey' | 'guide';

// What `answers` counts for each kind, in the 409's message.
const ANSWERS_OF: Record<Kind, string> = {
  survey: 'answers',
  guide: 'users who have started it',
  project: 'survey answers and guide users',
};

/** The DELETE description: what goes with the item, and when `?force=true` is needed. */
export const deleteDescription = (kind: Kind, goesWith: string) =>
  `Deletes the ${kind} with ${goesWith}, in one transaction. While it has ${ANSWERS_OF[kind]} it answers 409 has_answers ` +
  '(`answers`: how many) and deletes nothing, unless `?force=true`, which deletes them too. Archive it instead to keep its reports.';

/** The responses every DELETE of a survey, guide or project declares. */
export const deleteResponses = (kind: Kind) => ({
  204: { description: 'Deleted' },
  404: errorResponse(`No such ${kind}`),
  409: jsonResponse(hasAnswersBody, `It has ${ANSWERS_OF[kind]}, and force was not given: nothing deleted`),
});

/**
 * The answer to a DELETE: 204, 404 `<kind>_not_found`, or 409 `has_answers` with the standard
 * error body plus `answers`, the count the console shows ("Delete with all N answers").
 */
export function deleteAnswer(c: Context, result: DeleteResult, kind: Kind, id: string) {
  if (!result) throw notFound(kind, id);
  if (result.outcome === 'has_answers') {
    const { error } = errorJson('has_answers', `the ${kind} "${id}" has ${result.answers} ${ANSWERS_OF[kind]}; send ?force=true to delete them with it`);
    const body: HasAnswersBody = { error: { ...error, answers: result.answers } };
    return c.json(body, 409);
  }
  return c.body(null, 204);
}
