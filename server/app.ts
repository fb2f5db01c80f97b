import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { fixedAdminToken, type AdminTokenCheck } from './auth/admin-token.ts';
import type { ConsoleAuthFactory } from './auth/auth.ts';
import type { Store } from './data/store.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { ADMIN_SECURITY_SCHEME, AUTHORING_SECURITY_SCHEME, jsonResponse, SESSION_SECURITY_SCHEME } from './openapi.ts';
import { createRouter } from './router.ts';
import { adminRoutes } from './routes/admin/index.ts';
import { authRoutes } from './routes/auth.ts';
import { authoringRoutes } from './routes/authoring.ts';
import { clientRoutes } from './routes/client/index.ts';
import { consoleFileRoutes } from './routes/console-files.ts';
import { pageRoutes } from './routes/pages.ts';
import { widgetFileRoutes } from './routes/widget-files.ts';

export interface AppOptions {
  store: Store;
  /** Bearer token for /api/v1/admin: fixed, or read from the database (server/auth/admin-token.ts). */
  adminToken: string | AdminTokenCheck;
  /** Console accounts and sessions (server/auth/auth.ts), shared with start-up's first-owner check. */
  auth: ConsoleAuthFactory;
  /** Folder with the built widget (`widget.js`, `ui/…`). */
  widgetDir: string;
  /** Folder with the built admin console (`index.html`, `assets/…`), served at /admin. */
  consoleDir: string;
  /** Client-API requests per minute per project key + IP. */
  rateLimitPerMinute: number;
  /** Take client IPs from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Where unexpected errors go. @default console.error */
  log?: (message: string, error: unknown) => void;
}

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: answers once the database is migrated and the server listens',
  tags: ['meta'],
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), 'Ready') },
});

/**
 * The whole HTTP app: client API, admin API, pages, widget files, health and the OpenAPI
 * document, with one error mapper. No I/O of its own beyond `store`, so tests drive it with
 * `app.request(url, init)`.
 */
export function createApp({ store, adminToken, auth, widgetDir, consoleDir, rateLimitPerMinute, trustProxy, log = console.error }: AppOptions) {
  const app = createRouter();
  app.onError(errorHandler(log));
  app.notFound(notFoundHandler);

  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));
  app.route('/api/v1/client', clientRoutes(store, { perMinute: rateLimitPerMinute, trustProxy }));
  app.route('/api/auth', authRoutes(auth, trustProxy));
  const adminTokens = typeof adminToken === 'string' ? fixedAdminToken(adminToken) : adminToken;
  app.route('/api/v1/admin', adminRoutes(store, { tokens: adminTokens, auth, trustProxy }));
  app.route('/api/v1/authoring', authoringRoutes(store, trustProxy));
  app.route('/', pageRoutes(store));
  app.route('/', widgetFileRoutes(widgetDir));
  app.route('/', consoleFileRoutes(consoleDir));

  app.openAPIRegistry.registerComponent('securitySchemes', ADMIN_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'The admin token: KIZUNA_ADMIN_TOKEN, or the one generated on first start and printed in the server log.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', SESSION_SECURITY_SCHEME, {
    type: 'apiKey',
    in: 'cookie',
    name: 'better-auth.session_token',
    description:
      'A console session from POST /api/auth/sign-in/email {email, password} (`__Secure-` prefixed over https). State-changing requests with it must come from this origin (Origin header).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', AUTHORING_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description:
      'An authoring session from POST /api/v1/authoring/sessions (the token of an "Edit in app" link, made by POST /api/v1/admin/guides/{guideId}/authoring-sessions). Requests with it must come from the origin the link was made for.',
  });
  app.doc31('/api/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Kizuna API',
      version: '1',
      description:
        'Client API (called by the widget with a project’s public key), admin API (bearer token, or a console session), and authoring API (called by the widget with an authoring session).',
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  return app;
}
