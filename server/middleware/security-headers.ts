import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** Answers that may carry accounts, sessions or customer data: never kept by a browser or proxy cache. */
const PRIVATE_PREFIXES = ['/api/v1/admin/', '/api/auth/'];

/** Where the server answers with HTML (the landing and demo pages, the console): the only answers inspected after the route. */
const isPagePath = (path: string) => path === '/' || path === '/demo' || path === '/admin' || path.startsWith('/admin/');

/** The admin API and sign-in: their answers carry accounts or customer data, and some are made outside Hono's context. */
export const isPrivatePath = (path: string) => PRIVATE_PREFIXES.some((prefix) => path.startsWith(prefix) || `${path}/` === prefix);

/** The text of every inline `<tag>` (a `<script>` with `src` has none of its own). */
function inlineTexts(html: string, tag: 'script' | 'style'): string[] {
  const texts: string[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}\\s*>`, 'gi'))) {
    if (tag === 'script' && /\bsrc\s*=/i.test(match[1]!)) continue;
    texts.push(match[2]!);
  }
  return texts;
}

/** CSP source for one inline element; the HTML parser turns CRLF into LF before the browser hashes it. */
const hashSource = (text: string) => `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;

/**
 * A policy for a server-rendered page (landing, demo): this server's own files, plus exactly the
 * inline scripts and styles the page was rendered with, by hash, so an injected one would not run.
 */
export function pageCsp(html: string): string {
  const scripts = inlineTexts(html, 'script').map(hashSource);
  const styles = inlineTexts(html, 'style').map(hashSource);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scripts].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers every answer of the app gets, set after the route (errors included):
 * `X-Content-Type-Options: nosniff` on all; on HTML pages a `Referrer-Policy` and a CSP with
 * `frame-ancestors 'none'` (no clickjacking), unless the route set its own (the console's is
 * stricter); `Cache-Control: no-store` on the admin API and the sign-in endpoints. Other caching
 * (widget files, the client API) is left as the routes set it.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Set before the route, so the answer is made with them: touching an answer's headers
    // afterwards makes node-server build a full Fetch Response for every request (a no-op route
    // went from ~20,000 to ~5,000 requests/s).
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    const path = c.req.path;
    if (!isPagePath(path) && !isPrivatePath(path)) return;
    // Pages and private answers are looked at afterwards as well: some are Responses made outside
    // Hono's context (better-auth, CSV streams), which do not take the headers set above.
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (isPrivatePath(path)) headers.set('Cache-Control', 'no-store');
    if (!headers.get('content-type')?.startsWith('text/html')) return;
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', pageCsp(await c.res.clone().text()));
  };
}
