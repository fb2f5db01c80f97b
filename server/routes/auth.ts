import { Hono, type Context } from 'hono';
import { CLIENT_IP_HEADER, type ConsoleAuthFactory } from '../auth/auth.ts';
import type { SignInLimiter } from '../auth/sign-in-limiter.ts';
import { clientAddress } from '../client-address.ts';
import { ApiError, errorJson } from '../errors.ts';
import { isHttps, isSameOrigin } from '../request-origin.ts';

const SIGN_IN = '/sign-in/email';
/**
 * The better-auth endpoints the console uses (the rest of better-auth stays unreachable), each
 * with the fields its error codes are about, so errors name them as the rest of the API does.
 */
const EXPOSED: Record<string, Record<string, string>> = {
  [SIGN_IN]: {},
  '/sign-out': {},
  '/change-password': { PASSWORD_TOO_SHORT: 'newPassword', PASSWORD_TOO_LONG: 'newPassword', INVALID_PASSWORD: 'currentPassword' },
};

/** Every 429 of these endpoints: try again after `Retry-After` seconds. */
const tooManyAttempts = () => new ApiError(429, 'too_many_attempts', 'too many attempts; try again after the number of seconds in Retry-After');

/** `res` with `body` as its JSON instead, status and other headers (the session cookie among them) kept. */
function withBody(res: Response, body: unknown, headers = new Headers(res.headers)): Response {
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

/** better-auth's `{ code, message }` errors and its rate limit's 429 in our `{ error: { code, message, issues? } }` shape. */
async function inOurShape(res: Response, fields: Record<string, string>): Promise<Response> {
  if (res.status === 429) {
    // better-auth's own per-address limit (change-password, sign-out) says the wait in a header of its own.
    const headers = new Headers(res.headers);
    headers.set('Retry-After', res.headers.get('x-retry-after') ?? '60');
    headers.delete('x-retry-after');
    const { code, message } = tooManyAttempts();
    return withBody(res, errorJson(code, message), headers);
  }
  if (res.ok || !res.headers.get('content-type')?.includes('application/json')) return res;
  const body = (await res.clone().json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!body?.code) return res;
  const message = body.message ?? body.code;
  const path = fields[body.code];
  return withBody(res, errorJson(body.code.toLowerCase(), message, path ? [{ path, message }] : undefined));
}

/**
 * A successful answer without the session `token` better-auth puts in its JSON (sign-in,
 * change-password): the HttpOnly cookie carries the session, and script on the page must never
 * see it. The rest (`user`, …) stays.
 */
async function withoutToken(res: Response): Promise<Response> {
  if (!res.ok || !res.headers.get('content-type')?.includes('application/json')) return res;
  const body = (await res.clone().json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body !== 'object' || !('token' in body)) return res;
  const { token: _token, ...rest } = body;
  return withBody(res, rest);
}

/**
 * The `email` of a sign-in body, or null when it has none (better-auth then answers 400). Only
 * JSON: better-auth would also read a form-encoded body, whose e-mail the limits would not see.
 */
async function emailOf(request: Request): Promise<string | null> {
  if (request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const body = (await request.clone().json().catch(() => null)) as { email?: unknown } | null;
  return typeof body?.email === 'string' ? body.email : null;
}

/**
 * A sign-in under the limits of `limiter`: while the address or the account is blocked, a 429
 * with `Retry-After` and no password checked; a wrong password counts against the address, a
 * right one clears the account's failures.
 */
async function limitedSignIn(c: Context, limiter: SignInLimiter, address: string, signIn: () => Promise<Response>): Promise<Response> {
  const email = await emailOf(c.req.raw);
  const wait = await limiter.begin(email, address);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    throw tooManyAttempts();
  }
  const res = await signIn();
  if (res.status === 401) await limiter.failed(address);
  else if (res.ok && email !== null) await limiter.succeeded(email);
  return res;
}

/**
 * `POST /api/auth/{sign-in/email, sign-out, change-password}`, handled by better-auth.
 * Only from our own pages (a login CSRF would sign a victim into the attacker's account), with
 * the caller's real address in the header better-auth's rate limit keys on, and sign-in limited
 * per account and address by `limiter` (server/auth/sign-in-limiter.ts).
 */
export function authRoutes(auth: ConsoleAuthFactory, trustProxy: boolean, limiter: SignInLimiter) {
  const router = new Hono();
  for (const [path, fields] of Object.entries(EXPOSED)) {
    router.post(path, async (c) => {
      if (!isSameOrigin(c, trustProxy)) throw new ApiError(403, 'csrf_failed', 'sign in from the console’s own origin');
      const address = clientAddress(c, trustProxy) ?? 'unknown';
      const headers = new Headers(c.req.raw.headers);
      headers.set(CLIENT_IP_HEADER, address);
      const forward = () => auth(isHttps(c, trustProxy)).handler(new Request(c.req.raw, { headers }));
      const res = path === SIGN_IN ? await limitedSignIn(c, limiter, address, forward) : await forward();
      return inOurShape(await withoutToken(res), fields);
    });
  }
  return router;
}
