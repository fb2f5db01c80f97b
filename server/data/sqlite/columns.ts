import { responses } from '../schema.ts';

/** What an answer says, as the follow-up, comment and export reads select it (they add ids and times their own way). */
export const answerColumns = {
  surveyId: responses.surveyId,
  userId: responses.userId,
  score: responses.score,
  category: responses.category,
  comment: responses.comment,
  locale: responses.locale,
  url: responses.url,
  attributes: responses.attributes,
};
