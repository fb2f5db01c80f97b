import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { eventBatch, eventsAccepted } from '../../../shared/schemas/event.ts';
import type { Store } from '../../data/store.ts';
import { fieldError } from '../../errors.ts';
import type { ClientEnv } from '../../middleware/client-project.ts';
import { jsonBody, limitBody } from '../../middleware/json-body.ts';
import { clientJsonBody, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

const MAX_EVENT_AGE_MS = 7 * 86_400_000;

/**
 * When an event counts as having happened: the client's time if it is in the past and at most
 * 7 days old (events queued offline keep their time), else the server's (client clocks drift).
 */
export function eventTime(clientAt: number | undefined, now: number): number {
  return clientAt !== undefined && clientAt <= now && now - clientAt <= MAX_EVENT_AGE_MS ? clientAt : now;
}

// Documented with registerPath and served by our own jsonBody: openapi() would add a JSON-only validator.
const eventsRoute = createRoute({
  method: 'post',
  path: '/{projectKey}/events',
  summary: 'Record survey_shown / survey_dismissed events',
  description: 'Idempotent per event id. A batch naming an unknown survey is refused whole.',
  tags: ['client'],
  request: { params: z.object({ projectKey: z.string() }), body: clientJsonBody(eventBatch) },
  responses: {
    202: jsonResponse(eventsAccepted, 'Every event of the batch is stored (new or already known)'),
    400: errorResponse('Malformed JSON or invalid event'),
    403: errorResponse('Origin not allowed for this project'),
    404: errorResponse('Unknown project key or surveyId'),
    413: errorResponse('Body over 64 KB'),
    415: errorResponse('Content-Type is not application/json or text/plain'),
    429: errorResponse('Rate limited; see Retry-After'),
  },
});

/** Where the widget reports what it showed and what users dismissed (dismissals pause a survey). */
export function clientEventRoutes(store: Store) {
  const router = createRouter<ClientEnv>();
  router.openAPIRegistry.registerPath(eventsRoute);
  return router.post('/:projectKey/events', limitBody(), jsonBody(eventBatch), async (c) => {
    const { events } = c.req.valid('json');
    const projectId = c.var.project.id;
    const known = await store.surveys.existingIds(projectId, [...new Set(events.map((e) => e.surveyId))]);
    const issues = events.flatMap((e, i) => (known.has(e.surveyId) ? [] : [{ path: `events.${i}.surveyId`, message: `no survey "${e.surveyId}" in this project` }]));
    if (issues.length > 0) throw fieldError(404, 'survey_not_found', issues);

    const now = Date.now();
    await store.events.record(
      projectId,
      events.map((e) => ({ clientId: e.id, type: e.type, surveyId: e.surveyId, userId: e.userId, at: new Date(eventTime(e.at, now)) })),
    );
    return c.json({ accepted: events.length }, 202);
  });
}
