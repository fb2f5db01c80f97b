import { z } from 'zod';
import { userId } from '../../../shared/schemas/common.ts';
import { customerExport, erasure } from '../../../shared/schemas/customer.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { projectParams, requireProject } from './projects.ts';

const customerParams = projectParams.extend({ userId });

const customerNotFound = (id: string) => new ApiError(404, 'customer_not_found', `nothing is stored about user "${id}" in this project`);

const exportRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/customers/{userId}/export',
  summary: 'Download everything stored about one end-user (privacy request)',
  description:
    'Attributes with first and last seen, answers with touchpoint answers and comments, widget events, guide progress, and follow-ups with their history, as one JSON download.',
  tags: ['privacy'],
  request: { params: customerParams },
  responses: { 200: jsonResponse(customerExport, 'As an attachment'), 404: errorResponse('No such project, or nothing stored about the user') },
});

const eraseRoute = createAdminRoute({
  method: 'delete',
  path: '/projects/{projectId}/customers/{userId}',
  summary: 'Erase one end-user (privacy request)',
  description:
    'In one transaction: deletes their attributes, events and guide progress; keeps each answer as an anonymous score row (survey, score, category, time and touchpoint answers, under a new random user id per answer) with comment, url, locale and attributes cleared, so aggregate counts stay honest; removes the notes of their follow-ups (status and times stay). ' +
    'Logged with who and when (GET …/erasures). A later re-send of an erased answer by an offline widget is refused as a conflict. Owners and admins only.',
  tags: ['privacy'],
  request: { params: customerParams },
  responses: {
    200: jsonResponse(erasure, 'Erased: what was removed, per kind'),
    403: errorResponse('The role may not erase'),
    404: errorResponse('No such project, or nothing stored about the user'),
  },
});

const erasuresRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/erasures',
  summary: "The project's erasure log, newest first",
  tags: ['privacy'],
  request: { params: projectParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(erasure) }), 'Every erasure'), 404: errorResponse('No such project') },
});

/** Privacy requests about one end-user of a project: export and erasure, and the erasure log. */
export function customerRoutes(store: Store) {
  return createRouter<AdminEnv>()
    .openapi(exportRoute, async (c) => {
      const { projectId, userId } = c.req.valid('param');
      await requireProject(store, projectId);
      const found = await store.customers.export(projectId, userId, new Date());
      if (!found) throw customerNotFound(userId);
      const filename = `kizuna-customer-${projectId}-${found.exportedAt.slice(0, 10)}.json`;
      c.header('Content-Disposition', `attachment; filename="${filename}"`);
      c.header('Cache-Control', 'no-store');
      return c.json(found, 200);
    })
    .openapi(eraseRoute, async (c) => {
      const { projectId, userId } = c.req.valid('param');
      await requireProject(store, projectId);
      const erased = await store.customers.erase(projectId, userId, c.var.actor, new Date());
      if (!erased) throw customerNotFound(userId);
      return c.json(erased, 200);
    })
    .openapi(erasuresRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      return c.json({ items: await store.customers.erasures(projectId) }, 200);
    });
}
