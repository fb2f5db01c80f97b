import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Project } from '../../shared/schemas/project.ts';
import { isAllowedOrigin } from '../allowed-origins.ts';
import type { Store } from '../data/store.ts';
import { ApiError } from '../errors.ts';

/** What client routes find in `c.var`: the project named by `:projectKey`. */
export type ClientEnv = { Variables: { project: Project } };

/** The Access-Control-Allow-Origin answer for a request from `origin`, or null when the project does not allow it. */
function allowedOrigin(project: Project, origin: string): string | null {
  if (!isAllowedOrigin(project, origin)) return null;
  return project.allowedOrigins.length === 0 ? '*' : origin;
}

/**
 * Resolves `:projectKey` (404 `project_not_found`), answers CORS for the project's allowed
 * origins, and refuses writes from other origins with 403. The widget posts `text/plain`,
 * which browsers send cross-origin without a preflight, so CORS alone would not stop them.
 */
export function clientProject(store: Store): MiddlewareHandler<ClientEnv> {
  const preflight = cors({
    origin: (origin, c: Context<ClientEnv>) => allowedOrigin(c.var.project, origin),
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });

  return async function clientProject(c, next) {
    const key = c.req.param('projectKey') ?? '';
    const project = await store.projects.getByKey(key);
    if (!project) throw new ApiError(404, 'project_not_found', `no project with key "${key}"`);
    c.set('project', project);
    if (c.req.method === 'OPTIONS') return preflight(c, next);

    // Actual requests get their CORS headers as prepared headers: hono's cors() edits `c.res`
    // before the handler runs, which makes every response on this hot path be rebuilt and copied
    // (measured: a third of the state route's throughput).
    const origin = c.req.header('origin');
    const allowed = allowedOrigin(project, origin ?? '');
    if (origin !== undefined && allowed === null && c.req.method === 'POST') {
      // Readable by that page, so its widget sees a final 403 and drops the send instead of
      // retrying what looks like a network failure. The body says nothing but the refusal.
      c.header('Access-Control-Allow-Origin', origin);
      throw new ApiError(403, 'origin_not_allowed', `origin ${origin} is not allowed for this project`);
    }
    c.header('Vary', 'Origin');
    if (allowed !== null) {
      c.header('Access-Control-Allow-Origin', allowed);
      // The widget reads Retry-After to back off on 429.
      c.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    await next();
  };
}
