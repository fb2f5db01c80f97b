import { z } from 'zod';
import { account, accountInput, me } from '../../../shared/schemas/account.ts';
import { createAccount, listAccounts } from '../../auth/accounts.ts';
import type { ConsoleAuth } from '../../auth/auth.ts';
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
  summary: 'List console accounts',
  tags: ['users'],
  responses: { 200: jsonResponse(z.object({ items: z.array(account) }), 'All accounts, oldest first') },
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

/** Console accounts and the caller's identity (who may create them: server/auth/permissions.ts). */
export function userRoutes(auth: ConsoleAuth) {
  return createRouter<AdminEnv>()
    .openapi(meRoute, (c) => c.json(c.var.me, 200))
    .openapi(listUsersRoute, async (c) => c.json({ items: await listAccounts(auth) }, 200))
    .openapi(createUserRoute, async (c) => c.json(await createAccount(auth, c.req.valid('json')), 201));
}
