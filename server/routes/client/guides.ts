import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { userId } from '../../../shared/schemas/common.ts';
import { clientGuide, type ClientGuide, type Guide } from '../../../shared/schemas/guide.ts';
import type { GuideProgress } from '../../data/guide-progress.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../../errors.ts';
import type { ClientEnv } from '../../middleware/client-project.ts';
import { errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

const guideRoute = createRoute({
  method: 'get',
  path: '/{projectKey}/guides/{guideId}',
  summary: 'One active guide, to show on demand (not when it or its project is archived)',
  description: 'With `userId`, `progress` says where that user left the tour.',
  tags: ['client'],
  request: { params: z.object({ projectKey: z.string(), guideId: z.string() }), query: z.object({ userId: userId.optional() }) },
  responses: {
    200: jsonResponse(clientGuide, 'The guide'),
    400: errorResponse('userId invalid'),
    404: errorResponse('Unknown project key, or no such active guide'),
  },
});

/**
 * What the widget needs of a guide, with where the user left it when the tour is still under
 * way. A position past the guide's steps (they were shortened since) is dropped: the tour restarts.
 */
export function toClientGuide({ id, steps, trigger, audience, frequency, priority }: Guide, progress: GuideProgress | undefined): ClientGuide {
  const resumable = progress?.status === 'active' && progress.stepIndex < steps.length;
  return { id, steps, trigger, audience, frequency, priority, progress: resumable ? { stepIndex: progress.stepIndex } : null };
}

/** Single guides by id, for `kizuna('show', guideId)`. */
export function clientGuideRoutes(store: Store) {
  return createRouter<ClientEnv>().openapi(guideRoute, async (c) => {
    const { guideId } = c.req.valid('param');
    const { userId } = c.req.valid('query');
    const projectId = c.var.project.id;
    const guide = await store.guides.get(guideId);
    // Archived (the guide or its project): never offered, as if inactive.
    if (!guide || guide.projectId !== projectId || !guide.active || guide.archivedAt !== null || c.var.project.archivedAt !== null) {
      throw new ApiError(404, 'guide_not_found', `no active guide "${guideId}" in this project`);
    }
    const progress = userId === undefined ? undefined : (await store.guides.progressOf(projectId, userId)).get(guide.id);
    c.header('Cache-Control', 'no-store');
    return c.json(toClientGuide(guide, progress), 200);
  });
}
