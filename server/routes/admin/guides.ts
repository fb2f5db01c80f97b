import { z } from 'zod';
import { archivedQuery, deleteQuery } from '../../../shared/schemas/archive.ts';
import { guide, guideInput, guideUpdate, type Guide, type GuideUpdate } from '../../../shared/schemas/guide.ts';
import type { Store } from '../../data/store.ts';
import { notFound } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { deleteAnswer, deleteDescription, deleteResponses } from './lifecycle.ts';
import { projectParams, requireProject } from './projects.ts';

export const guideParams = z.object({ guideId: z.string() });

/** @throws ApiError 404 `guide_not_found` */
export async function requireGuide(store: Store, guideId: string): Promise<Guide> {
  const found = await store.guides.get(guideId);
  if (!found) throw notFound('guide', guideId);
  return found;
}

const createGuideRoute = createAdminRoute({
  method: 'post',
  path: '/projects/{projectId}/guides',
  summary: 'Create an onboarding guide (a tour of up to 20 steps) in a project',
  tags: ['guides'],
  request: { params: projectParams, body: jsonRequestBody(guideInput) },
  responses: { 201: jsonResponse(guide, 'Created'), 400: errorResponse('Invalid body'), 404: errorResponse('No such project') },
});

const listGuidesRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/guides',
  summary: "List a project's guides",
  description: 'Archived guides are left out unless `?archived=include` (listed too) or `?archived=only`.',
  tags: ['guides'],
  request: { params: projectParams, query: archivedQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(guide) }), 'Guides, oldest first'),
    400: errorResponse('Invalid archived filter'),
    404: errorResponse('No such project'),
  },
});

const getGuideRoute = createAdminRoute({
  method: 'get',
  path: '/guides/{guideId}',
  summary: 'Read a guide',
  tags: ['guides'],
  request: { params: guideParams },
  responses: { 200: jsonResponse(guide, 'The guide'), 404: errorResponse('No such guide') },
});

const updateGuideRoute = createAdminRoute({
  method: 'patch',
  path: '/guides/{guideId}',
  summary: 'Change a guide, or archive or unarchive it',
  description:
    'Fields given replace the stored ones whole (steps, trigger, audience); audience null means everyone. `archived: true` archives it: ' +
    'never shown to the widget (whatever `active` says) and out of the default list, while its report stays readable. An archived guide can still be edited.',
  tags: ['guides'],
  request: { params: guideParams, body: jsonRequestBody(guideUpdate) },
  responses: { 200: jsonResponse(guide, 'Updated'), 400: errorResponse('Invalid body'), 404: errorResponse('No such guide') },
});

const deactivateGuideRoute = createAdminRoute({
  method: 'post',
  path: '/guides/{guideId}/deactivate',
  summary: 'Stop showing a guide (events already on their way are still accepted)',
  tags: ['guides'],
  request: { params: guideParams },
  responses: { 200: jsonResponse(guide, 'The guide, now inactive'), 404: errorResponse('No such guide') },
});

const deleteGuideRoute = createAdminRoute({
  method: 'delete',
  path: '/guides/{guideId}',
  summary: 'Delete a guide',
  description: deleteDescription('guide', 'its Edit-in-app sessions (with force: its users’ events and progress)'),
  tags: ['guides'],
  request: { params: guideParams, query: deleteQuery },
  responses: deleteResponses('guide'),
});

/** Guide administration. */
export function guideRoutes(store: Store) {
  const update = async (guideId: string, patch: GuideUpdate) => {
    const updated = await store.guides.update(guideId, patch);
    if (!updated) throw notFound('guide', guideId);
    return updated;
  };

  return createRouter<AdminEnv>()
    .openapi(createGuideRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      return c.json(await store.guides.create(projectId, c.req.valid('json')), 201);
    })
    .openapi(listGuidesRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      return c.json({ items: await store.guides.listByProject(projectId, { archived: c.req.valid('query').archived }) }, 200);
    })
    .openapi(getGuideRoute, async (c) => c.json(await requireGuide(store, c.req.valid('param').guideId), 200))
    .openapi(updateGuideRoute, async (c) => c.json(await update(c.req.valid('param').guideId, c.req.valid('json')), 200))
    .openapi(deactivateGuideRoute, async (c) => c.json(await update(c.req.valid('param').guideId, { active: false }), 200))
    .openapi(deleteGuideRoute, async (c) => {
      const { guideId } = c.req.valid('param');
      return deleteAnswer(c, await store.guides.delete(guideId, { force: c.req.valid('query').force }), 'guide', guideId);
    });
}
