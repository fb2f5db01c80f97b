import { Hono } from 'hono';
import { CLIENT_IP_HEADER, type ConsoleAuthFactory } from '../auth/auth.ts';
import { clientAddress } from '../client-address.ts';
import { ApiError, errorJson } from '../errors.ts';
import { isHttps, isSameOrigin } from '../request-origin.ts';

/**
 * The better-auth endpoints the console uses (the rest of better-auth stays unreachable), each
 * with the fields its error codes are about, so errors name them as the rest of the API does.
 */
const EXPOSED: Record<string, Record<string, string>> = {
  '/sign-in/email': {},
  '/sign-out': {},
  '/change-password': { PASSWORD_TOO_SHORT: 'newPassword', PASSWORD_TOO_LONG: 'newPassword', INVALID_PASSWORD: 'currentPassword' },
};

/** better-auth's `{ code, message }` errors in our `{ error: { code, message, issues? } }` shape. */
async function inOurShape(res: Response, fields: Record<string, string>): Promise<Response> {
  if (res.ok || !res.headers.get('content-type')?.includes('application/json')) return res;
  const body = (await res.clone().json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!body?.code) return res;
  const message = body.message ?? body.code;
  const path = fields[body.code];
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(errorJson(body.code.toLowerCase(), message, path ? [{ path, message }] : undefined)), { status: res.status, headers });
}

/**
 * `POST /api/auth/{sign-in/email, sign-out, change-password}`, handled by better-auth.
 * Only from our own pages (a login CSRF would sign a victim into the attacker's account), and
 * with the caller's real address in the header better-auth's sign-in rate limit keys on.
 */
export function authRoutes(auth: ConsoleAuthFactory, trustProxy: boolean) {
  const router = new Hono();
  for (const [path, fields] of Object.entries(EXPOSED)) {
    router.post(path, async (c) => {
      if (!isSameOrigin(c, trustProxy)) throw new ApiError(403, 'csrf_failed', 'sign in from the console’s own origin');
      const headers = new Headers(c.req.raw.headers);
      headers.set(CLIENT_IP_HEADER, clientAddress(c, trustProxy) ?? 'unknown');
      return inOurShape(await auth(isHttps(c, trustProxy)).handler(new Request(c.req.raw, { headers })), fields);
    });
  }
  return router;
}
