import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { isAllowedOrigin } from '../allowed-origins.ts';
import { bearerToken, tokenHash } from '../auth/tokens.ts';
import type { AuthoringScope, Store } from '../data/store.ts';
import { ApiError } from '../errors.ts';
import { senderOrigin } from '../request-origin.ts';

/** What routes behind the authoring session find in `c.var`: the guide, project and origin it opens. */
export type AuthoringEnv = { Variables: { authoring: AuthoringScope } };

/**
 * CORS of the authoring API, which the widget calls from the host page. Preflights are answered
 * for any origin: they grant nothing, as every real request is checked against its link's origin
 * (`checkAuthoringOrigin`). No credentials: the session travels in the Authorization header.
 */
export function authoringCors(): MiddlewareHandler {
  const preflight = cors({ origin: (origin) => origin, allowMethods: ['GET', 'POST', 'PUT'], allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  return async function authoringCors(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    c.header('Vary', 'Origin');
    await next();
    // An error body says nothing stored, only what went wrong: readable by the page that asked,
    // so its widget can tell the person (session ended, someone saved meanwhile) instead of
    // seeing what looks like a network failure.
    const origin = c.req.header('origin');
    if (origin && c.res.status >= 400) c.header('Access-Control-Allow-Origin', origin);
  };
}

/**
 * Lets the request through only from the origin its link was made for, and only while the project
 * still allows that origin (it may have been removed since); then that page may read the answer.
 * @throws ApiError 403 `origin_not_allowed`
 */
export async function checkAuthoringOrigin(c: Context, store: Store, scope: AuthoringScope, trustProxy: boolean): Promise<void> {
  const sender = senderOrigin(c, trustProxy);
  if (sender !== scope.origin) throw new ApiError(403, 'origin_not_allowed', `authoring of this guide was opened for pages of ${scope.origin}, not ${sender ?? 'a page that does not say its origin'}`);
  const project = await store.projects.get(scope.projectId);
  if (!project || !isAllowedOrigin(project, sender)) throw new ApiError(403, 'origin_not_allowed', `${sender} is no longer among the project's allowed origins`);
  const origin = c.req.header('origin');
  if (origin) c.header('Access-Control-Allow-Origin', origin);
}

/**
 * Resolves `Authorization: Bearer <authoring session>` (401 `authoring_session_expired` when it is
 * missing, unknown or over) and checks the request's origin against the session's.
 */
export function authoringAuth(store: Store, trustProxy: boolean): MiddlewareHandler<AuthoringEnv> {
  return async function authoringAuth(c, next) {
    const token = bearerToken(c.req.header('authorization'));
    const scope = token === undefined ? null : await store.authoring.session(tokenHash(token), new Date());
    if (!scope) {
      c.header('WWW-Authenticate', 'Bearer realm="kizuna-authoring"');
      throw new ApiError(401, 'authoring_session_expired', 'Your authoring session has ended. Open Edit in app again from the console; your unsaved steps stay in this tab.');
    }
    await checkAuthoringOrigin(c, store, scope, trustProxy);
    c.set('authoring', scope);
    await next();
  };
}
