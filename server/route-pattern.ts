import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { METHOD_NAME_ALL } from 'hono/router';

/**
 * The pattern of the route that answers this request (`/api/v1/admin/surveys/:surveyId`), known
 * before it runs; undefined when none matches (a 404). Middleware is skipped: `use` registers it
 * for every method.
 */
export function routePattern(c: Context): string | undefined {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) if (routes[i]!.method !== METHOD_NAME_ALL) return routes[i]!.path;
  return undefined;
}
