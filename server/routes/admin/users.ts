import { z } from 'zod';
import { account, accountInput, accountList, accountPatch, me, removedAccount } from '../../../shared/schemas/account.ts';
import { createAccount } from '../../auth/accounts.ts';
import type { ConsoleAuth } from '../../auth/auth.ts';
import { LAST_OWNER, type Store } from '../../data/store.ts';
import { ApiError, notFound, type Issue } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

const meRoute = createAdminRoute({
  method: 'get',
  path: '/me',
  summary: 'Who is calling: the signed-in account, or the admin token (as owner)',
  tags: ['users'],
  responses: { 200: jsonResponse(me, 'The caller') },
});

const listUsersRoute = createAdminRoute({
  method: 'get',
  path: '/users',
  summary: 'List console accounts, and the removed ones',
  description:
    '`items`: every account, oldest first, with `disabled`. `removed`: accounts an owner removed (most recently removed first), so that follow-up history and assignees naming their e-mail still read by name.',
  tags: ['users'],
  responses: { 200: jsonResponse(accountList, 'Accounts and removed accounts') },
});

const createUserRoute = createAdminRoute({
  method: 'post',
  path: '/users',
  summary: 'Create a console account (owners only)',
  tags: ['users'],
  request: { body: jsonRequestBody(accountInput) },
  responses: {
    201: jsonResponse(account, 'Created'),
    400: errorResponse('Invalid body'),
    403: errorResponse('Only owners create accounts'),
    409: errorResponse('E-mail already in use'),
  },
});

const userParams = z.object({ userId: z.string() });

const patchUserRoute = createAdminRoute({
  method: 'patch',
  path: '/users/{userId}',
  summary: 'Change an account’s role, or disable / enable it (owners only)',
  description:
    'Disabling signs the account out everywhere at once (all its sessions end) and stops it signing in until it is enabled again. ' +
    'The last enabled owner can be neither demoted nor disabled: `409 last_owner`.',
  tags: ['users'],
  request: { params: userParams, body: jsonRequestBody(accountPatch) },
  responses: {
    200: jsonResponse(account, 'The account after the change'),
    400: errorResponse('Invalid body'),
    403: errorResponse('Only owners change accounts'),
    404: errorResponse('No such account'),
    409: errorResponse('It is the last enabled owner'),
  },
});

const deleteUserRoute = createAdminRoute({
  method: 'delete',
  path: '/users/{userId}',
  summary: 'Remove an account (owners only)',
  description:
    'Deletes the account, its password and every session (signed out everywhere at once). Who it was (id, e-mail, name) is kept, with when and by whom, in `removed` of GET /users. ' +
    'The last enabled owner cannot be removed: `409 last_owner`.',
  tags: ['users'],
  request: { params: userParams },
  responses: {
    200: jsonResponse(removedAccount, 'Removed'),
    403: errorResponse('Only owners remove accounts'),
    404: errorResponse('No such account'),
    409: errorResponse('It is the last enabled owner'),
  },
});

/** 409 `last_owner`, naming the fields of the change that would have left no enabled owner. */
const lastOwner = (issues?: Issue[]) => new ApiError(409, LAST_OWNER, 'the last enabled owner can be neither demoted, disabled nor removed; make another owner first', issues);

/** Console accounts and the caller's identity (who may change them: server/auth/permissions.ts). */
export function userRoutes(store: Store, auth: ConsoleAuth) {
  return createRouter<AdminEnv>()
    .openapi(meRoute, (c) => c.json(c.var.me, 200))
    .openapi(listUsersRoute, async (c) => {
      const [items, removed] = await Promise.all([store.consoleAccounts.list(), store.consoleAccounts.listRemoved()]);
      return c.json({ items, removed }, 200);
    })
    .openapi(createUserRoute, async (c) => c.json(await createAccount(auth, c.req.valid('json')), 201))
    .openapi(patchUserRoute, async (c) => {
      const { userId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const updated = await store.consoleAccounts.update(userId, patch, new Date());
      if (!updated) throw notFound('user', userId);
      if (updated === LAST_OWNER) {
        const issues: Issue[] = [];
        if (patch.role !== undefined && patch.role !== 'owner') issues.push({ path: 'role', message: 'the last enabled owner must stay an owner' });
        if (patch.disabled) issues.push({ path: 'disabled', message: 'the last enabled owner cannot be disabled' });
        throw lastOwner(issues);
      }
      return c.json(updated, 200);
    })
    .openapi(deleteUserRoute, async (c) => {
      const { userId } = c.req.valid('param');
      const removed = await store.consoleAccounts.remove(userId, c.var.actor, new Date());
      if (!removed) throw notFound('user', userId);
      if (removed === LAST_OWNER) throw lastOwner();
      return c.json(removed, 200);
    });
}
