import type { Store } from '../../data/store.ts';
import { adminAuth, type AdminAuthOptions, type AdminEnv } from '../../middleware/admin-auth.ts';
import { createRouter } from '../../router.ts';
import { authoringLinkRoutes } from './authoring-links.ts';
import { commentRoutes } from './comments.ts';
import { dashboardRoutes } from './dashboard.ts';
import { exportRoutes } from './exports.ts';
import { followupRoutes } from './followups.ts';
import { guideRoutes } from './guides.ts';
import { projectRoutes } from './projects.ts';
import { reportRoutes } from './reports.ts';
import { surveyRoutes } from './surveys.ts';
import { userRoutes } from './users.ts';

/** The admin API, mounted at /api/v1/admin; every route needs the bearer token or a console session. */
export function adminRoutes(store: Store, access: AdminAuthOptions) {
  const router = createRouter<AdminEnv>();
  router.use('*', adminAuth(access));
  router.route('/', userRoutes(access.auth(false)));
  router.route('/', projectRoutes(store));
  router.route('/', surveyRoutes(store));
  router.route('/', guideRoutes(store));
  router.route('/', authoringLinkRoutes(store));
  router.route('/', reportRoutes(store));
  router.route('/', dashboardRoutes(store));
  router.route('/', commentRoutes(store));
  router.route('/', exportRoutes(store));
  router.route('/', followupRoutes(store));
  return router;
}
