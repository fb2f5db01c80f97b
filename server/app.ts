import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { fixedAdminToken, type AdminTokenCheck } from './auth/admin-token.ts';
import type { ConsoleAuthFactory } from './auth/auth.ts';
import type { MailConfig } from './config.ts';
import { signInLimiter } from './auth/sign-in-limiter.ts';
import type { Store } from './data/store.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics } from './metrics/metrics.ts';
import { requestMetrics } from './metrics/request-metrics.ts';
import { refuseBadUrlText } from './middleware/refuse-bad-text.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { ADMIN_SECURITY_SCHEME, AUTHORING_SECURITY_SCHEME, jsonResponse, METRICS_SECURITY_SCHEME, SESSION_SECURITY_SCHEME } from './openapi.ts';
import { createRouter } from './router.ts';
import { adminRoutes } from './routes/admin/index.ts';
import { authRoutes } from './routes/auth.ts';
import { authoringRoutes } from './routes/authoring.ts';
import { registerWebhookDocs } from './delivery/openapi-webhooks.ts';
import { publicUrlOf } from './public-url.ts';
import { clientRoutes } from './routes/client/index.ts';
import { consoleFileRoutes } from './routes/console-files.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { pageRoutes } from './routes/pages.ts';
import { readinessRoutes } from './routes/readiness.ts';
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
  /** A bearer token that opens `/metrics` only (KIZUNA_METRICS_TOKEN); the admin token opens it too. */
  metricsToken?: string;
  /** KIZUNA_PUBLIC_URL: where people reach this server, for links in webhooks, Slack and mail. @default the request's origin */
  publicUrl?: string;
  /** KIZUNA_WEBHOOK_ALLOW_PRIVATE: webhooks may go to http and private-network receivers. @default false */
  allowPrivateWebhooks?: boolean;
  /** KIZUNA_SMTP_URL + KIZUNA_MAIL_FROM; here only whether they are set matters (mails are queued, preferences say so). */
  mail?: MailConfig;
  /** Tells this process's delivery dispatcher that something is due now (server/delivery/dispatcher.ts). @default nothing: it polls */
  wakeDeliveries?: () => void;
  /** Access lines and unexpected errors, as JSON lines (server/log.ts). @default createLogger(): stdout */
  logger?: Logger;
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
export function createApp({ store, adminToken, auth, widgetDir, consoleDir, rateLimitPerMinute, trustProxy, metricsToken, publicUrl, allowPrivateWebhooks = false, wakeDeliveries = () => {}, logger = createLogger(), mail }: AppOptions) {
  const app = createRouter();
  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);
  const metrics = createMetrics(store);
  // First, so that it times and counts every request, whatever answers it.
  app.use('*', requestMetrics(metrics));
  app.use('*', securityHeaders());
  app.use('*', requestLog(logger));
  app.use('/api/*', refuseBadUrlText());

  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));
  app.route('/', readinessRoutes(store));
  const events = { publicUrl: publicUrlOf(publicUrl), wake: wakeDeliveries, mail: mail !== undefined };
  app.route('/api/v1/client', clientRoutes(store, { perMinute: rateLimitPerMinute, trustProxy }, metrics, events));
  app.route('/api/auth', authRoutes(auth, trustProxy, signInLimiter(store.loginFailures)));
  const adminTokens = typeof adminToken === 'string' ? fixedAdminToken(adminToken) : adminToken;
  app.route('/api/v1/admin', adminRoutes(store, { tokens: adminTokens, auth, trustProxy }, { ...events, allowPrivate: allowPrivateWebhooks }));
  app.route('/', metricsRoutes(metrics, metricsToken ? [adminTokens, fixedAdminToken(metricsToken)] : [adminTokens]));
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
  app.openAPIRegistry.registerComponent('securitySchemes', METRICS_SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    description: 'KIZUNA_METRICS_TOKEN, for a Prometheus scraper: it opens GET /metrics and nothing else.',
  });
  registerWebhookDocs(app.openAPIRegistry);
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
