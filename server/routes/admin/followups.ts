import { z } from 'zod';
import { followup, followupListQuery, followupPage, followupPatch } from '../../../shared/schemas/followup.ts';
import type { FollowupCursor, Store } from '../../data/store.ts';
import { fieldError, notFound } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { requireProject } from './projects.ts';

// The cursor is opaque to clients: base64url of "<createdAt ms>.<id>" of the page's last item.
const encodeCursor = ({ createdAt, id }: FollowupCursor) => Buffer.from(`${createdAt}.${id}`).toString('base64url');

function decodeCursor(cursor: string): FollowupCursor {
  const match = /^(\d{1,16})\.(\S+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1] || !match[2]) throw fieldError(400, 'invalid_query', [{ path: 'cursor', message: 'not a cursor this server made' }]);
  return { createdAt: Number(match[1]), id: match[2] };
}

const followupParams = z.object({ followupId: z.string() });

const listFollowupsRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/followups',
  summary: 'Follow-ups of low scores, newest first',
  tags: ['followups'],
  request: { params: z.object({ projectId: z.string() }), query: followupListQuery },
  responses: {
    200: jsonResponse(followupPage, 'A page; pass nextCursor as cursor for the next'),
    400: errorResponse('Invalid query'),
    404: errorResponse('No such project'),
  },
});

const getFollowupRoute = createAdminRoute({
  method: 'get',
  path: '/followups/{followupId}',
  summary: 'Read a follow-up with its response and history',
  tags: ['followups'],
  request: { params: followupParams },
  responses: { 200: jsonResponse(followup, 'The follow-up'), 404: errorResponse('No such follow-up') },
});

const patchFollowupRoute = createAdminRoute({
  method: 'patch',
  path: '/followups/{followupId}',
  summary: 'Change status or assignee, or add a note',
  description: 'Every real change is recorded in the history with time and actor; setting a value it already has records nothing.',
  tags: ['followups'],
  request: { params: followupParams, body: jsonRequestBody(followupPatch) },
  responses: { 200: jsonResponse(followup, 'The follow-up after the change'), 400: errorResponse('Invalid body'), 404: errorResponse('No such follow-up') },
});

/** Closing the loop with unhappy customers. */
export function followupRoutes(store: Store) {
  return createRouter<AdminEnv>()
    .openapi(listFollowupsRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      const { status, limit, cursor } = c.req.valid('query');
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      await requireProject(store, projectId);
      const { items, next } = await store.followups.list(projectId, { status, limit, after });
      return c.json({ items, nextCursor: next && encodeCursor(next) }, 200);
    })
    .openapi(getFollowupRoute, async (c) => {
      const { followupId } = c.req.valid('param');
      const found = await store.followups.get(followupId);
      if (!found) throw notFound('followup', followupId);
      return c.json(found, 200);
    })
    .openapi(patchFollowupRoute, async (c) => {
      const { followupId } = c.req.valid('param');
      const updated = await store.followups.update(followupId, c.req.valid('json'), c.var.actor, new Date());
      if (!updated) throw notFound('followup', followupId);
      return c.json(updated, 200);
    });
}
