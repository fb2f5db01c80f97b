import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Project } from '../../shared/schemas/project.ts';
import type { Store } from '../data/store.ts';
import { ApiError } from '../errors.ts';

/** What client routes find in `c.var`: the project named by `:projectKey`. */
export type ClientEnv = { Variables: { project: Project } };

/** An empty allow-list lets every origin in (a fresh project works before it is configured). */
const isAllowed = (project: Project, origin: string) => project.allowedOrigins.length === 0 || project.allowedOrigins.includes(origin);

/**
 * Resolves `:projectKey` (404 `project_not_found`), answers CORS for the project's allowed
 * origins, and refuses writes from other origins with 403. The widget posts `text/plain`,
 * which browsers send cross-origin without a preflight, so CORS alone would not stop them.
 */
export function clientProject(store: Store): MiddlewareHandler<ClientEnv> {
  const corsFor = cors({
    origin: (origin, c: Context<ClientEnv>) => {
      const { project } = c.var;
      if (project.allowedOrigins.length === 0) return '*';
      return isAllowed(project, origin) ? origin : null;
    },
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type'],
    // The widget reads Retry-After to back off on 429.
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });

  return async function clientProject(c, next) {
    const key = c.req.param('projectKey') ?? '';
    const project = await store.projects.getByKey(key);
    if (!project) throw new ApiError(404, 'project_not_found', `no project with key "${key}"`);
    c.set('project', project);
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin !== undefined && !isAllowed(project, origin)) {
      throw new ApiError(403, 'origin_not_allowed', `origin ${origin} is not allowed for this project`);
    }
    return corsFor(c, next);
  };
}
