import { me } from '../../../shared/schemas/account.ts';
import { mailPreferences, mailPreferencesView, mePatch } from '../../../shared/schemas/mail.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

/** 409 `no_account`: the admin token is nobody's account, so it has no language or mail to choose. */
const noAccount = () => new ApiError(409, 'no_account', 'the admin token has no console account: sign in to the console as a person to choose this');

const mailPreferencesDescription =
  'Every choice is off until the account turns it on. `configured` is false when the server has no SMTP settings (KIZUNA_SMTP_URL, KIZUNA_MAIL_FROM): then nothing is mailed, whatever is chosen. ' +
  'Mails are written in the account’s console language (PATCH /me), else the project’s. The admin token has no account: `409 no_account`.';

const getMailPreferencesRoute = createAdminRoute({
  method: 'get',
  path: '/me/mail-preferences',
  summary: 'What the signed-in account is mailed about',
  description: mailPreferencesDescription,
  tags: ['users'],
  responses: { 200: jsonResponse(mailPreferencesView, 'The choices'), 409: errorResponse('Called with the admin token, which has no account') },
});

const putMailPreferencesRoute = createAdminRoute({
  method: 'put',
  path: '/me/mail-preferences',
  summary: 'Choose what the signed-in account is mailed about (any role, for itself)',
  description: mailPreferencesDescription,
  tags: ['users'],
  request: { body: jsonRequestBody(mailPreferences) },
  responses: {
    200: jsonResponse(mailPreferencesView, 'The choices after the change'),
    400: errorResponse('Invalid body'),
    409: errorResponse('Called with the admin token, which has no account'),
  },
});

const patchMeRoute = createAdminRoute({
  method: 'patch',
  path: '/me',
  summary: 'Record the console language the signed-in account picked (its mails are written in it)',
  tags: ['users'],
  request: { body: jsonRequestBody(mePatch) },
  responses: { 200: jsonResponse(me, 'The caller'), 400: errorResponse('Invalid body'), 409: errorResponse('Called with the admin token, which has no account') },
});

/**
 * The signed-in account's own settings: its mail choices and its language. Any role may change
 * its own (server/auth/permissions.ts lists `/me` as the caller's own area).
 */
export function meRoutes(store: Store, { mailConfigured }: { mailConfigured: boolean }) {
  /** The caller's account id; the admin token has none. */
  const accountOf = (caller: AdminEnv['Variables']['me']) => {
    if (caller.email === null) throw noAccount();
    return caller.id;
  };
  return createRouter<AdminEnv>()
    .openapi(getMailPreferencesRoute, async (c) => {
      const preferences = await store.mailPreferences.get(accountOf(c.var.me));
      return c.json({ configured: mailConfigured, ...preferences }, 200);
    })
    .openapi(putMailPreferencesRoute, async (c) => {
      const id = accountOf(c.var.me);
      const preferences = c.req.valid('json');
      // The session was found a moment ago; an account removed since is a session that no longer counts.
      if (!(await store.mailPreferences.set(id, preferences, new Date()))) throw new ApiError(401, 'unauthorized', 'sign in again');
      return c.json({ configured: mailConfigured, ...preferences }, 200);
    })
    .openapi(patchMeRoute, async (c) => {
      const id = accountOf(c.var.me);
      if (!(await store.mailPreferences.setLanguage(id, c.req.valid('json').language, new Date()))) throw new ApiError(401, 'unauthorized', 'sign in again');
      return c.json(c.var.me, 200);
    });
}
