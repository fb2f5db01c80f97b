import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';

/** Where the console lives; its build (`vite build --mode console`, base `/admin/`) links its assets under it. */
const BASE = '/admin';
const ASSETS = `${BASE}/assets/`;

/**
 * Nothing but this server's own files: no inline script or style, no framing, no plugins. The
 * survey preview's shadow root uses constructable stylesheets, which `style-src` does not govern.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names every asset by its content hash, so a file at a given URL never changes. */
const assetHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.ok) return;
  c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
};

/**
 * `GET /admin` and every `/admin/*` deep link answer the console's index.html (the client-side
 * router takes it from there), never cached so a deploy is picked up on the next load;
 * `GET /admin/assets/*` are the built files from `consoleDir`. A missing asset is the JSON 404,
 * not the page, and serveStatic refuses `..`.
 */
export function consoleFileRoutes(consoleDir: string) {
  const assets = serveStatic({ root: consoleDir, rewriteRequestPath: (path) => path.slice(BASE.length) });
  const page = async (c: Context) => {
    const html = await readFile(join(consoleDir, 'index.html'), 'utf8').catch(() => null);
    if (html === null) return c.json({ error: { code: 'console_not_built', message: 'the admin console is not built: run npm run build' } }, 503);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', CONSOLE_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    return c.html(html);
  };
  return new Hono()
    .use(`${ASSETS}*`, assetHeaders, assets)
    .get(BASE, page)
    .get(`${BASE}/*`, (c, next) => (c.req.path.startsWith(ASSETS) ? next() : page(c)));
}
