import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';

/** What admin routes find in `c.var`: who is acting, recorded in follow-up history. */
export type AdminEnv = { Variables: { actor: string } };

/** The actor name for requests made with the admin bearer token. */
const ADMIN_TOKEN_ACTOR = 'admin-token';

// Comparing fixed-length digests keeps the comparison constant-time whatever the input length.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** Requires `Authorization: Bearer <token>`; otherwise a JSON 401 with `WWW-Authenticate`. */
export function adminAuth(token: string): MiddlewareHandler<AdminEnv> {
  const expected = digest(token);
  return async function adminAuth(c, next) {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="kizuna"');
      throw new ApiError(401, 'unauthorized', presented === undefined ? 'send Authorization: Bearer <admin token>' : 'wrong admin token');
    }
    c.set('actor', ADMIN_TOKEN_ACTOR);
    await next();
  };
}
