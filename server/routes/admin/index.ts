import type { Store } from '../../data/store.ts';
import { adminAuth, type AdminEnv } from '../../middleware/admin-auth.ts';
import { createRouter } from '../../router.ts';
import { followupRoutes } from './followups.ts';
import { guideRoutes } from './guides.ts';
import { projectRoutes } from './projects.ts';
import { reportRoutes } from './reports.ts';
import { surveyRoutes } from './surveys.ts';

/** The admin API, mounted at /api/v1/admin; every route needs the bearer token. */
export function adminRoutes(store: Store, adminToken: string) {
  const router = createRouter<AdminEnv>();
  router.use('*', adminAuth(adminToken));
  router.route('/', projectRoutes(store));
  router.route('/', surveyRoutes(store));
  router.route('/', guideRoutes(store));
  router.route('/', reportRoutes(store));
  router.route('/', followupRoutes(store));
  return router;
}
