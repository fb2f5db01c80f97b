import type { Context } from 'hono';

/**
 * The origin the browser used to reach us (`https://kizuna.example.com`). Behind a proxy that we
 * trust, the proxy's X-Forwarded-Proto/Host say it; otherwise the request URL does.
 */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
  return `${proto || url.protocol.slice(0, -1)}://${host || url.host}`;
}

/** Whether the request was made over https (so cookies must be `Secure`). */
export const isHttps = (c: Context, trustProxy: boolean) => requestOrigin(c, trustProxy).startsWith('https:');

/**
 * The origin of the page that sent the request: its Origin header, or ours for browsers that omit
 * Origin on same-origin requests and say so in Fetch Metadata; null when neither tells.
 */
export function senderOrigin(c: Context, trustProxy: boolean): string | null {
  const origin = c.req.header('origin');
  if (origin) return origin;
  return c.req.header('sec-fetch-site') === 'same-origin' ? requestOrigin(c, trustProxy) : null;
}

/**
 * Whether a browser sent the request from one of our own pages. Requests that do not say where
 * they come from are refused, so a cookie can never be ridden by another site's form or script (CSRF).
 */
export const isSameOrigin = (c: Context, trustProxy: boolean): boolean => senderOrigin(c, trustProxy) === requestOrigin(c, trustProxy);
