import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { eventBatch, eventsAccepted, type ClientEvent } from '../../../shared/schemas/event.ts';
import type { NewEvent, Store } from '../../data/store.ts';
import { fieldError, type Issue } from '../../errors.ts';
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
  summary: 'Record survey, guide and track events',
  description:
    'Idempotent per event id. Guide events move where the user is in the guide (a re-sent event moves nothing). ' +
    'A batch naming an unknown survey or guide, or a step the guide does not have, is refused whole.',
  tags: ['client'],
  request: { params: z.object({ projectKey: z.string() }), body: clientJsonBody(eventBatch) },
  responses: {
    202: jsonResponse(eventsAccepted, 'Every event of the batch is stored (new or already known)'),
    400: errorResponse('Malformed JSON, invalid event, or a stepIndex past the guide’s steps'),
    403: errorResponse('Origin not allowed for this project'),
    404: errorResponse('Unknown project key, surveyId or guideId'),
    413: errorResponse('Body over 64 KB'),
    415: errorResponse('Content-Type is not application/json or text/plain'),
    429: errorResponse('Rate limited; see Retry-After'),
  },
});

/**
 * Refuses the batch unless every survey and guide it names is one of the project's (404, the
 * code after the first unknown one) and every stepIndex is a step of its guide (400).
 */
async function checkReferences(store: Store, projectId: string, events: readonly ClientEvent[]): Promise<void> {
  const [surveys, stepCounts] = await Promise.all([
    store.surveys.existingIds(projectId, [...new Set(events.flatMap((e) => ('surveyId' in e ? [e.surveyId] : [])))]),
    store.guides.stepCounts(projectId, [...new Set(events.flatMap((e) => ('guideId' in e ? [e.guideId] : [])))]),
  ]);
  const unknown: Array<['survey' | 'guide', Issue]> = [];
  const pastLastStep: Issue[] = [];
  events.forEach((e, i) => {
    if ('surveyId' in e && !surveys.has(e.surveyId)) {
      unknown.push(['survey', { path: `events.${i}.surveyId`, message: `no survey "${e.surveyId}" in this project` }]);
    }
    if (!('guideId' in e)) return;
    const steps = stepCounts.get(e.guideId);
    if (steps === undefined) unknown.push(['guide', { path: `events.${i}.guideId`, message: `no guide "${e.guideId}" in this project` }]);
    else if ('stepIndex' in e && e.stepIndex >= steps) {
      pastLastStep.push({ path: `events.${i}.stepIndex`, message: `the guide has ${steps} step${steps === 1 ? '' : 's'} (0–${steps - 1})` });
    }
  });
  if (unknown.length > 0) throw fieldError(404, `${unknown[0]![0]}_not_found`, unknown.map(([, issue]) => issue));
  if (pastLastStep.length > 0) throw fieldError(400, 'invalid_body', pastLastStep);
}

/** An event as stored, dated by {@link eventTime}. */
const toNewEvent = ({ id, at, ...fields }: ClientEvent, now: number): NewEvent => ({ ...fields, clientId: id, at: new Date(eventTime(at, now)) });

/**
 * Where the widget reports what it showed and what users did: dismissals pause a survey, guide
 * events move the user through a tour, track events are kept for later.
 */
export function clientEventRoutes(store: Store) {
  const router = createRouter<ClientEnv>();
  router.openAPIRegistry.registerPath(eventsRoute);
  return router.post('/:projectKey/events', limitBody(), jsonBody(eventBatch), async (c) => {
    const { events } = c.req.valid('json');
    const projectId = c.var.project.id;
    await checkReferences(store, projectId, events);
    const now = Date.now();
    await store.events.record(projectId, events.map((e) => toNewEvent(e, now)));
    return c.json({ accepted: events.length }, 202);
  });
}
