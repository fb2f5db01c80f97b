import { Hono } from 'hono';
import { DEMO_PROJECT_KEY } from '../data/seed.ts';
import type { Store } from '../data/store.ts';
import { demoPage } from '../pages/demo.ts';
import { landingPage } from '../pages/landing.ts';

/**
 * The landing page (`/`) and the demo SaaS page (`/demo`), both built for this server's origin.
 * Neither carries a secret: whether a request is "local" cannot be told from inside (a DNS-rebound
 * host name or a proxy without forwarding headers looks local), so the admin token is printed in the
 * server log on first start and by `npm run admin-token`, never put in a page.
 */
export function pageRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => {
      const demo = await store.projects.getByKey(DEMO_PROJECT_KEY);
      return c.html(landingPage({ origin: new URL(c.req.url).origin, projectKey: DEMO_PROJECT_KEY, projectId: demo?.id ?? null }));
    })
    .get('/demo', (c) => c.html(demoPage({ origin: new URL(c.req.url).origin, projectKey: DEMO_PROJECT_KEY })));
}
