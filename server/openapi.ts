import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { errorBody } from '../shared/schemas/common.ts';

/** Name of the bearer scheme admin routes declare (registered in app.ts). */
export const ADMIN_SECURITY_SCHEME = 'adminToken';
/** Name of the console's session-cookie scheme, the other way into admin routes. */
export const SESSION_SECURITY_SCHEME = 'consoleSession';
/** Name of the bearer scheme of the authoring API: a session traded for an "Edit in app" link. */
export const AUTHORING_SECURITY_SCHEME = 'authoringSession';
/** Name of the bearer scheme of `KIZUNA_METRICS_TOKEN`, which opens `/metrics` only. */
export const METRICS_SECURITY_SCHEME = 'metricsToken';

/** An OpenAPI response with a JSON body. */
export const jsonResponse = <S extends ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** An OpenAPI error response (`{ error: { code, message, issues? } }`). */
export const errorResponse = (description: string) => jsonResponse(errorBody, description);

/** A required JSON request body (admin routes; zod-openapi validates it and answers 415 for other types). */
export const jsonRequestBody = <S extends ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/**
 * Request body of what the widget sends (client and authoring APIs): the same schema as
 * `application/json` or `text/plain` (see middleware/json-body.ts).
 */
export const clientJsonBody = <S extends ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema }, 'text/plain': { schema } },
});

/** `createRoute` for admin routes: declares the bearer token or session cookie, and the 401. */
export function createAdminRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(config: R) {
  return createRoute({
    ...config,
    security: [{ [ADMIN_SECURITY_SCHEME]: [] }, { [SESSION_SECURITY_SCHEME]: [] }] as Array<Record<string, string[]>>,
    responses: { ...config.responses, 401: errorResponse('Not signed in, or a wrong admin token') },
  });
}
