import type { Store } from '../../data/store.ts';
import type { EventRouteOptions } from '../../delivery/events.ts';
import type { IngestCounters } from '../../metrics/metrics.ts';
import { clientProject, type ClientEnv } from '../../middleware/client-project.ts';
import { rateLimit, type RateLimitOptions } from '../../middleware/rate-limit.ts';
import { createRouter } from '../../router.ts';
import { clientEventRoutes } from './events.ts';
import { clientGuideRoutes } from './guides.ts';
import { clientResponseRoutes } from './responses.ts';
import { clientStateRoutes } from './state.ts';
import { clientSurveyRoutes } from './surveys.ts';

/**
 * The widget's API, mounted at /api/v1/client: every route is under `/:projectKey`, which is
 * resolved (with CORS and the origin check) before the rate limit, so even a 429 carries the
 * CORS headers the widget needs to read it. `counters` count the answers and follow-ups stored (/metrics).
 */
export function clientRoutes(store: Store, limits: RateLimitOptions, counters: IngestCounters, events: EventRouteOptions) {
  const router = createRouter<ClientEnv>();
  router.use('/:projectKey/*', clientProject(store), rateLimit(limits));
  router.route('/', clientStateRoutes(store));
  router.route('/', clientSurveyRoutes(store));
  router.route('/', clientGuideRoutes(store));
  router.route('/', clientResponseRoutes(store, counters, events));
  router.route('/', clientEventRoutes(store));
  return router;
}
