import { Hono } from 'hono';
import type { ConsoleAuth } from '../auth/auth.ts';
import { CLIENT_IP_HEADER } from '../auth/auth.ts';
import { clientAddress } from '../client-address.ts';
import { ApiError } from '../errors.ts';
import { isHttps, isSameOrigin } from '../request-origin.ts';

/** The better-auth endpoints the console uses; the rest of better-auth stays unreachable. */
const EXPOSED = ['/sign-in/email', '/sign-out', '/change-password'];

/**
 * `POST /api/auth/{sign-in/email, sign-out, change-password}`, handled by better-auth.
 * Only from our own pages (a login CSRF would sign a victim into the attacker's account), and
 * with the caller's real address in the header better-auth's sign-in rate limit keys on.
 */
export function authRoutes(auth: (secureCookies: boolean) => ConsoleAuth, trustProxy: boolean) {
  const router = new Hono();
  for (const path of EXPOSED) {
    router.post(path, (c) => {
      if (!isSameOrigin(c, trustProxy)) throw new ApiError(403, 'csrf_failed', 'sign in from the console’s own origin');
      const headers = new Headers(c.req.raw.headers);
      headers.set(CLIENT_IP_HEADER, clientAddress(c, trustProxy) ?? 'unknown');
      return auth(isHttps(c, trustProxy)).handler(new Request(c.req.raw, { headers }));
    });
  }
  return router;
}
