import type { Store } from '../../data/store.ts';
import type { EventRouteOptions } from '../../delivery/events.ts';
import { adminAuth, type AdminAuthOptions, type AdminEnv } from '../../middleware/admin-auth.ts';
import { refuseBadJsonText } from '../../middleware/refuse-bad-text.ts';
import { createRouter } from '../../router.ts';
import { authoringLinkRoutes } from './authoring-links.ts';
import { commentRoutes } from './comments.ts';
import { customerRoutes } from './customers.ts';
import { dashboardRoutes } from './dashboard.ts';
import { exportRoutes } from './exports.ts';
import { followupRoutes } from './followups.ts';
import { guideRoutes } from './guides.ts';
import { meRoutes } from './me.ts';
import { projectRoutes } from './projects.ts';
import { reportRoutes } from './reports.ts';
import { surveyRoutes } from './surveys.ts';
import { userRoutes } from './users.ts';
import { webhookRoutes, type WebhookRouteOptions } from './webhooks.ts';

/** The admin API, mounted at /api/v1/admin; every route needs the bearer token or a console session. */
export function adminRoutes(store: Store, access: AdminAuthOptions, webhooks: WebhookRouteOptions & EventRouteOptions) {
  const router = createRouter<AdminEnv>();
  // The body is looked at only once the caller is known.
  router.use('*', adminAuth(access), refuseBadJsonText());
  router.route('/', userRoutes(store, access.auth(false)));
  router.route('/', meRoutes(store, { mailConfigured: webhooks.mail ?? false }));
  router.route('/', projectRoutes(store));
  router.route('/', surveyRoutes(store));
  router.route('/', guideRoutes(store));
  router.route('/', authoringLinkRoutes(store));
  router.route('/', reportRoutes(store));
  router.route('/', dashboardRoutes(store));
  router.route('/', commentRoutes(store));
  router.route('/', exportRoutes(store));
  router.route('/', followupRoutes(store, webhooks));
  router.route('/', customerRoutes(store));
  router.route('/', webhookRoutes(store, webhooks));
  return router;
}
