import { z } from 'zod';
import { followupDetail, followupListQuery, followupPage, followupPatch, type Followup, type FollowupSort } from '../../../shared/schemas/followup.ts';
import type { FollowupCursor, Store } from '../../data/store.ts';
import { followupEvents, type EventRouteOptions } from '../../delivery/events.ts';
import { fieldError, notFound } from '../../errors.ts';
import { assigneeMail } from '../../mail/recipients.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { projectParams, requireProject } from './projects.ts';
import { queryRange } from './range.ts';

/** How many of the user's other answers a follow-up shows. */
const EARLIER_RESPONSES = 20;

// Each sort's cursor carries that sort's key: (createdAt, id), (dueAt, createdAt, id) or (score, createdAt, id).
const ms = z.number().int();
const cursorValues = {
  time: z.tuple([ms, z.string()]),
  due: z.tuple([ms.nullable(), ms, z.string()]),
  score: z.tuple([z.number().int(), ms, z.string()]),
};

function encodeFollowupCursor(cursor: FollowupCursor): string {
  const kind = `followups:${cursor.sort}`;
  if (cursor.sort === 'due') return encodeCursor(kind, [cursor.dueAt, cursor.createdAt, cursor.id]);
  if (cursor.sort === 'score') return encodeCursor(kind, [cursor.score, cursor.createdAt, cursor.id]);
  return encodeCursor(kind, [cursor.createdAt, cursor.id]);
}

function decodeFollowupCursor(cursor: string, sort: FollowupSort): FollowupCursor {
  const kind = `followups:${sort}`;
  if (sort === 'due') {
    const [dueAt, createdAt, id] = decodeCursor(cursor, kind, cursorValues.due);
    return { sort, dueAt, createdAt, id };
  }
  if (sort === 'score') {
    const [score, createdAt, id] = decodeCursor(cursor, kind, cursorValues.score);
    return { sort, score, createdAt, id };
  }
  const [createdAt, id] = decodeCursor(cursor, kind, cursorValues.time);
  return { sort, createdAt, id };
}

const followupParams = z.object({ followupId: z.string() });

const listFollowupsRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/followups',
  summary: 'Follow-ups of low scores: filtered, sorted, paged, with counts per status',
  description:
    'Filters: status, assignee (exact; `none` = unassigned), minScore/maxScore, from/to (answer time, [from, to)), overdue=true. ' +
    'Sorts: newest (default), oldest, due (soonest first, no due date last), score (lowest first, oldest first within a score). ' +
    '`counts` are per status under every filter but status. A cursor only pages the sort it was made for (400 otherwise).',
  tags: ['followups'],
  request: { params: projectParams, query: followupListQuery },
  responses: {
    200: jsonResponse(followupPage, 'A page; pass nextCursor as cursor for the next'),
    400: errorResponse('Invalid query'),
    404: errorResponse('No such project'),
  },
});

const getFollowupRoute = createAdminRoute({
  method: 'get',
  path: '/followups/{followupId}',
  summary: "Read a follow-up with its response, history and the user's other answers",
  tags: ['followups'],
  request: { params: followupParams },
  responses: { 200: jsonResponse(followupDetail, 'The follow-up'), 404: errorResponse('No such follow-up') },
});

const patchFollowupRoute = createAdminRoute({
  method: 'patch',
  path: '/followups/{followupId}',
  summary: 'Change status, assignee or due date, or add a note',
  description:
    'Every real change is recorded in the history with time and actor; setting a value it already has records nothing. ' +
    '`assignee` is the e-mail of an existing, enabled console account (400 otherwise); null unassigns.',
  tags: ['followups'],
  request: { params: followupParams, body: jsonRequestBody(followupPatch) },
  responses: {
    200: jsonResponse(followupDetail, 'The follow-up after the change'),
    400: errorResponse('Invalid body'),
    404: errorResponse('No such follow-up'),
  },
});

/** Closing the loop with unhappy customers. */
export function followupRoutes(store: Store, events: EventRouteOptions) {
  /** The follow-up with the user's other answers in its project, or 404. */
  const detail = async (followupId: string, found: Followup | null) => {
    if (!found) throw notFound('followup', followupId);
    const earlierResponses = await store.responses.ofUser(found.projectId, found.userId, { exceptId: found.responseId, limit: EARLIER_RESPONSES });
    return { ...found, earlierResponses };
  };

  return createRouter<AdminEnv>()
    .openapi(listFollowupsRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      const { status, sort, limit, cursor, assignee, minScore, maxScore, overdue, ...range } = c.req.valid('query');
      if (minScore !== undefined && maxScore !== undefined && minScore > maxScore) {
        throw fieldError(400, 'invalid_query', [{ path: 'maxScore', message: 'must not be below minScore' }]);
      }
      const filter = {
        ...queryRange(range),
        assignee: assignee === 'none' ? null : assignee,
        minScore,
        maxScore,
        overdue: overdue === 'true',
      };
      const after = cursor === undefined ? undefined : decodeFollowupCursor(cursor, sort);
      await requireProject(store, projectId);
      const [{ items, next }, counts] = await Promise.all([
        store.followups.list(projectId, { ...filter, status, sort, limit, after }),
        store.followups.counts(projectId, filter),
      ]);
      return c.json({ items, nextCursor: next && encodeFollowupCursor(next), counts }, 200);
    })
    .openapi(getFollowupRoute, async (c) => {
      const { followupId } = c.req.valid('param');
      return c.json(await detail(followupId, await store.followups.get(followupId)), 200);
    })
    .openapi(patchFollowupRoute, async (c) => {
      const { followupId } = c.req.valid('param');
      const patch = c.req.valid('json');
      if (typeof patch.assignee === 'string' && !(await store.consoleAccounts.isEnabled(patch.assignee))) {
        throw fieldError(400, 'invalid_body', [{ path: 'assignee', message: 'must be the e-mail of an enabled console account' }]);
      }
      const mail = events.mail ? await assigneeMail(store, patch.assignee, c.var.me.email) : {};
      const updated = await store.followups.update(followupId, patch, c.var.actor, new Date(), followupEvents(events.publicUrl(c), mail));
      events.wake();
      return c.json(await detail(followupId, updated), 200);
    });
}
