import type { NewResponse } from '../../server/data/store.ts';
import { categorize } from '../../shared/score.ts';

/**
 * An answer for `store.responses.record`: by `user`, scored 9 (its category follows the score),
 * with no factors, comment or attributes, opening a follow-up when the score is 6 or less, now;
 * `fields` override any of it.
 */
export function newAnswer(base: { projectId: string; surveyId: string }, fields: Partial<NewResponse> & { clientId: string }): NewResponse {
  const score = fields.score ?? 9;
  return {
    ...base,
    userId: 'user',
    score,
    category: categorize(score),
    factors: {},
    comment: null,
    locale: null,
    url: null,
    attributes: null,
    openFollowup: score <= 6,
    at: new Date(),
    ...fields,
  };
}
