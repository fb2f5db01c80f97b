import { Hono } from 'hono';
import { clientAddress, isLoopback } from '../client-address.ts';
import { DEMO_PROJECT_KEY } from '../data/seed.ts';
import type { Store } from '../data/store.ts';
import { demoPage } from '../pages/demo.ts';
import { landingPage } from '../pages/landing.ts';

/**
 * Whether the request comes straight from this machine. A proxy in front (even on localhost)
 * makes every visitor look local, so any forwarding header counts as "not local".
 */
const isLocalRequest = (c: Parameters<typeof clientAddress>[0]) =>
  !c.req.header('x-forwarded-for') && !c.req.header('forwarded') && isLoopback(clientAddress(c, false));

/** The landing page (`/`) and the demo SaaS page (`/demo`), both built for this server's origin. */
export function pageRoutes(store: Store, adminToken: string) {
  return new Hono()
    .get('/', async (c) => {
      const demo = await store.projects.getByKey(DEMO_PROJECT_KEY);
      c.header('Cache-Control', 'no-store');
      return c.html(
        landingPage({
          origin: new URL(c.req.url).origin,
          projectKey: DEMO_PROJECT_KEY,
          projectId: demo?.id ?? null,
          adminToken: isLocalRequest(c) ? adminToken : null,
        }),
      );
    })
    .get('/demo', (c) => c.html(demoPage({ origin: new URL(c.req.url).origin, projectKey: DEMO_PROJECT_KEY })));
}
