import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Store } from '../data/store.ts';
import { ApiError } from '../errors.ts';
import { errorResponse, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';

const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database answers a query',
  description: 'For a load balancer or orchestrator deciding whether to send traffic here; /healthz stays the cheap liveness answer that does not touch the database.',
  tags: ['meta'],
  responses: {
    200: jsonResponse(z.object({ ok: z.literal(true), database: z.string() }), 'Ready; `database` is the engine (`sqlite`)'),
    503: errorResponse('The database did not answer'),
  },
});

/** `GET /readyz`: 200 once the database answers a trivial query through the store, else 503. */
export function readinessRoutes(store: Store) {
  return createRouter().openapi(readyRoute, async (c) => {
    try {
      await store.meta.ping();
    } catch {
      // The cause stays out of the answer: probes are unauthenticated.
      throw new ApiError(503, 'database_unavailable', 'the database did not answer');
    }
    return c.json({ ok: true as const, database: store.meta.engine }, 200);
  });
}
