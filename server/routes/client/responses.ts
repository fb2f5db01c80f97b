import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { responseInput, responseResult } from '../../../shared/schemas/response.ts';
import { categorize } from '../../../shared/score.ts';
import type { Store } from '../../data/store.ts';
import { answerEvents, type EventRouteOptions } from '../../delivery/events.ts';
import { fieldError } from '../../errors.ts';
import { answerMail } from '../../mail/recipients.ts';
import type { IngestCounters } from '../../metrics/metrics.ts';
import type { ClientEnv } from '../../middleware/client-project.ts';
import { jsonBody, limitBody } from '../../middleware/json-body.ts';
import { clientJsonBody, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

// Documented with registerPath and served by our own jsonBody: openapi() would add a JSON-only validator.
const responsesRoute = createRoute({
  method: 'post',
  path: '/{projectKey}/responses',
  summary: 'Store an answer, or complete one sent before',
  description:
    'Send as soon as the score is chosen, then again with the same id adding factors and comment. ' +
    'Re-sends only add fields not stored yet; a stored score never changes. ' +
    'Scores at or below the survey’s detractorThreshold open a follow-up.',
  tags: ['client'],
  request: { params: z.object({ projectKey: z.string() }), body: clientJsonBody(responseInput) },
  responses: {
    201: jsonResponse(responseResult, 'Stored'),
    200: jsonResponse(responseResult, 'Already stored (retry or completion); the stored category'),
    400: errorResponse('Malformed JSON, invalid field, or a factor that is not a touchpoint of the survey'),
    403: errorResponse('Origin not allowed for this project'),
    404: errorResponse('Unknown project key or surveyId'),
    409: errorResponse('id already used by an answer of another survey or user'),
    413: errorResponse('Body over 64 KB'),
    415: errorResponse('Content-Type is not application/json or text/plain'),
    429: errorResponse('Rate limited; see Retry-After'),
  },
});

/**
 * Where the widget sends answers; `counters` count those stored for the first time and the
 * follow-ups they open. Each answer's events are written with it (server/delivery/events.ts).
 */
export function clientResponseRoutes(store: Store, counters: IngestCounters, { publicUrl, wake, mail }: EventRouteOptions) {
  const router = createRouter<ClientEnv>();
  router.openAPIRegistry.registerPath(responsesRoute);
  return router.post('/:projectKey/responses', limitBody(), jsonBody(responseInput), async (c) => {
    const input = c.req.valid('json');
    const project = c.var.project;
    // Inactive and archived surveys (and archived projects) still take answers: the user saw the survey before it was switched off.
    const survey = await store.surveys.get(input.surveyId);
    if (!survey || survey.projectId !== project.id) {
      throw fieldError(404, 'survey_not_found', [{ path: 'surveyId', message: `no survey "${input.surveyId}" in this project` }]);
    }
    const touchpoints = new Set(survey.touchpoints.map((t) => t.key));
    const unknown = Object.keys(input.factors ?? {}).filter((key) => !touchpoints.has(key));
    if (unknown.length > 0) {
      throw fieldError(
        400,
        'invalid_body',
        unknown.map((key) => ({ path: `factors.${key}`, message: `"${key}" is not a touchpoint of this survey` })),
      );
    }

    const openFollowup = input.score <= survey.detractorThreshold;
    // Read before the write: the events are made inside its transaction.
    const recipients = mail ? await answerMail(store, openFollowup) : {};
    const result = await store.responses.record(
      {
      projectId: project.id,
      surveyId: survey.id,
      clientId: input.id,
      userId: input.userId,
      score: input.score,
      category: categorize(input.score),
      factors: input.factors ?? {},
      comment: input.comment ?? null,
      locale: input.locale ?? null,
      url: input.url ?? null,
      attributes: input.attributes ?? null,
      openFollowup,
      at: new Date(),
      },
      answerEvents(survey, publicUrl(c), recipients),
    );
    wake();
    if (result.outcome === 'conflict') {
      throw fieldError(409, 'id_conflict', [{ path: 'id', message: `"${input.id}" already belongs to an answer of another survey or user` }]);
    }
    if (result.outcome === 'created') {
      // Only a first store opens a follow-up (see ResponseRepository.record); re-sends count nothing.
      counters.answersStored.inc();
      if (openFollowup) counters.followupsOpened.inc();
    }
    return c.json({ id: input.id, category: result.category }, result.outcome === 'created' ? 201 : 200);
  });
}
