import { z } from 'zod';
import { archivedQuery, deleteQuery } from '../../../shared/schemas/archive.ts';
import { project, projectInput, projectUpdate, type Project } from '../../../shared/schemas/project.ts';
import type { Store } from '../../data/store.ts';
import { notFound } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { deleteAnswer, deleteDescription, deleteResponses } from './lifecycle.ts';

export const projectParams = z.object({ projectId: z.string() });

/** The project, or 404 `project_not_found` (for routes under /projects/{projectId}). */
export async function requireProject(store: Store, projectId: string): Promise<Project> {
  const found = await store.projects.get(projectId);
  if (!found) throw notFound('project', projectId);
  return found;
}

const createProjectRoute = createAdminRoute({
  method: 'post',
  path: '/projects',
  summary: 'Create a project (gets its public key)',
  tags: ['projects'],
  request: { body: jsonRequestBody(projectInput) },
  responses: { 201: jsonResponse(project, 'Created'), 400: errorResponse('Invalid body') },
});

const listProjectsRoute = createAdminRoute({
  method: 'get',
  path: '/projects',
  summary: 'List projects',
  description: 'Archived projects are left out unless `?archived=include` (listed too) or `?archived=only`.',
  tags: ['projects'],
  request: { query: archivedQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(project) }), 'Projects, oldest first'), 400: errorResponse('Invalid archived filter') },
});

const getProjectRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}',
  summary: 'Read a project',
  tags: ['projects'],
  request: { params: projectParams },
  responses: { 200: jsonResponse(project, 'The project'), 404: errorResponse('No such project') },
});

const updateProjectRoute = createAdminRoute({
  method: 'patch',
  path: '/projects/{projectId}',
  summary: 'Rename a project, or change its allowed origins, maxStartsPerPageView or ltvBoundary, or archive or unarchive it',
  description:
    '`archived: true` archives it: out of the default list, and the widget is offered nothing (state answers with nothing due, ' +
    'single surveys and guides 404), while answers and events already on their way are still accepted and every report stays readable.',
  tags: ['projects'],
  request: { params: projectParams, body: jsonRequestBody(projectUpdate) },
  responses: { 200: jsonResponse(project, 'Updated'), 400: errorResponse('Invalid body'), 404: errorResponse('No such project') },
});

const deleteProjectRoute = createAdminRoute({
  method: 'delete',
  path: '/projects/{projectId}',
  summary: 'Delete a project and everything in it (owners only)',
  description: deleteDescription(
    'project',
    'its surveys, guides, end-users, Edit-in-app sessions and erasure log (with force: its answers, follow-ups and their history, events and guide progress)',
  ),
  tags: ['projects'],
  request: { params: projectParams, query: deleteQuery },
  responses: { ...deleteResponses('project'), 403: errorResponse('Not an owner') },
});

/** Project administration. */
export function projectRoutes(store: Store) {
  return createRouter<AdminEnv>()
    .openapi(createProjectRoute, async (c) => c.json(await store.projects.create(c.req.valid('json')), 201))
    .openapi(listProjectsRoute, async (c) => c.json({ items: await store.projects.list({ archived: c.req.valid('query').archived }) }, 200))
    .openapi(getProjectRoute, async (c) => c.json(await requireProject(store, c.req.valid('param').projectId), 200))
    .openapi(updateProjectRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      const updated = await store.projects.update(projectId, c.req.valid('json'));
      if (!updated) throw notFound('project', projectId);
      return c.json(updated, 200);
    })
    .openapi(deleteProjectRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      return deleteAnswer(c, await store.projects.delete(projectId, { force: c.req.valid('query').force }), 'project', projectId);
    });
}
