import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppMetrics } from './metrics.ts';

/** The `route` label of requests no route answered (unknown paths), so scanners add one series, not one per path. */
export const UNMATCHED_ROUTE = 'unmatched';

// Any other method string a client sends is one label value: labels must stay a bounded set.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const methodLabel = (method: string) => (METHODS.has(method) ? method : 'OTHER');

/**
 * The route pattern a request went to (`/api/v1/admin/surveys/:surveyId`), never its raw path.
 * Once the request is answered, `routeIndex` is the handler that answered: the endpoint itself,
 * or a middleware that answered for it (401, 429), in which case the endpoint after it names the
 * request. With no endpoint matched (`use` middleware only, whose method is `ALL`), it is the
 * middleware that served it (widget files, CORS preflights), or `unmatched` for a 404.
 */
export function routeLabel(c: Context): string {
  const routes = matchedRoutes(c);
  const endpoint = routes.slice(c.req.routeIndex).find((route) => route.method !== 'ALL');
  if (endpoint) return endpoint.path;
  if (c.res.status === 404) return UNMATCHED_ROUTE;
  return routes[c.req.routeIndex]?.path ?? UNMATCHED_ROUTE;
}

/** Counts and times every request by method, route pattern and status; register it before every route. */
export function requestMetrics({ httpRequests, httpDuration }: Pick<AppMetrics, 'httpRequests' | 'httpDuration'>): MiddlewareHandler {
  return async function requestMetrics(c, next) {
    const started = performance.now();
    // The app's onError turns a thrown error into c.res before this resumes, so its status is counted too.
    await next();
    const labels = { method: methodLabel(c.req.method), route: routeLabel(c) };
    httpRequests.inc({ ...labels, status: String(c.res.status) });
    httpDuration.observe(labels, (performance.now() - started) / 1000);
  };
}
