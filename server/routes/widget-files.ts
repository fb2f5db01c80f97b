import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

/**
 * Headers for the built widget: host pages on any origin import these files as ES modules
 * (which needs CORS), and a short cache keeps deploys visible within minutes.
 */
const widgetHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.ok) return;
  c.res.headers.set('Access-Control-Allow-Origin', '*');
  c.res.headers.set('Cache-Control', 'public, max-age=300');
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
};

/**
 * `GET /widget.js` (the loader) and `GET /widget/*` (the lazily imported UI and its chunks)
 * from `widgetDir`. Missing files fall through to the JSON 404; serveStatic refuses `..`.
 */
export function widgetFileRoutes(widgetDir: string) {
  // One instance for both paths: /widget.js stays as is, /widget/ui/x.js becomes /ui/x.js.
  const files = serveStatic({ root: widgetDir, rewriteRequestPath: (path) => (path === '/widget.js' ? path : path.slice('/widget'.length)) });
  return new Hono().use('/widget.js', widgetHeaders, files).use('/widget/*', widgetHeaders, files);
}
