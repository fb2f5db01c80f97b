import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { withRequestId, type Logger } from '../log.ts';
import { routePattern } from '../route-pattern.ts';
import { isPrivatePath } from './security-headers.ts';

/** An incoming `X-Request-Id` we reuse (a proxy's or a client's); anything else could be a log forgery or a flood. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives each request an id (a safe incoming `X-Request-Id`, else a new UUID), answers it in
 * `X-Request-Id`, tags every line logged while the request runs with it, and logs one access
 * line: method, route pattern, path (without the query, which can carry user ids), status and
 * duration. Never headers or bodies.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    // Before the route, for the same reason as in security-headers.ts.
    c.header('X-Request-Id', requestId);
    await withRequestId(requestId, async () => {
      await next();
      // Answers made outside Hono's context (better-auth, CSV streams) did not take it.
      if (isPrivatePath(c.req.path)) c.res.headers.set('X-Request-Id', requestId);
      logger.info(
        {
          method: c.req.method,
          route: routePattern(c) ?? null,
          // As sent (percent-encoded), not as decoded for routing.
          path: new URL(c.req.url).pathname,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    });
  };
}
