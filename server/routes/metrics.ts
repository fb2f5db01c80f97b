import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AdminTokenCheck } from '../auth/admin-token.ts';
import { bearerToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import type { AppMetrics } from '../metrics/metrics.ts';
import { ADMIN_SECURITY_SCHEME, errorResponse, METRICS_SECURITY_SCHEME } from '../openapi.ts';
import { createRouter } from '../router.ts';

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics',
  description:
    'Prometheus text format: http_requests_total{method,route,status} and http_request_duration_seconds{method,route} (route is the matched pattern, `unmatched` for unknown paths), ' +
    'kizuna_answers_stored_total, kizuna_followups_opened_total, kizuna_database_size_bytes (read at each scrape), and Node’s process metrics (nodejs_eventloop_lag_seconds, heap, GC…).',
  tags: ['meta'],
  security: [{ [ADMIN_SECURITY_SCHEME]: [] }, { [METRICS_SECURITY_SCHEME]: [] }],
  responses: {
    200: { description: 'The metrics', content: { 'text/plain': { schema: z.string() } } },
    401: errorResponse('No bearer token, or neither the admin token nor KIZUNA_METRICS_TOKEN'),
  },
});

/**
 * `GET /metrics` for a Prometheus scraper, with `Authorization: Bearer` and any of `tokens` (the
 * admin token, and `KIZUNA_METRICS_TOKEN` when set, which opens nothing else). Never open without one:
 * route names and volumes tell an outsider too much.
 */
export function metricsRoutes(metrics: AppMetrics, tokens: readonly AdminTokenCheck[]) {
  return createRouter().openapi(metricsRoute, async (c) => {
    const presented = bearerToken(c.req.header('authorization'));
    const accepted = presented !== undefined && (await Promise.all(tokens.map((token) => token.verify(presented)))).some(Boolean);
    if (!accepted) {
      c.header('WWW-Authenticate', 'Bearer realm="kizuna"');
      throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <admin token or KIZUNA_METRICS_TOKEN>');
    }
    return new Response(await metrics.scrape(), { status: 200, headers: { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' } });
  });
}
