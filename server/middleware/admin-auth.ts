import type { MiddlewareHandler } from 'hono';
import { can, type Role } from '../../shared/roles.ts';
import type { Me } from '../../shared/schemas/account.ts';
import type { AdminTokenCheck } from '../auth/admin-token.ts';
import type { ConsoleAuthFactory } from '../auth/auth.ts';
import { changedArea } from '../auth/permissions.ts';
import { bearerToken } from '../auth/tokens.ts';
import { ApiError } from '../errors.ts';
import { isHttps, isSameOrigin } from '../request-origin.ts';

/** What admin routes find in `c.var`: who is acting (`actor` goes into follow-up history). */
export type AdminEnv = { Variables: { actor: string; me: Me } };

/** The admin bearer token acts as an owner without an account. */
const TOKEN_IDENTITY: Me = { id: 'admin-token', email: null, name: 'Admin token', role: 'owner' };

export interface AdminAuthOptions {
  tokens: AdminTokenCheck;
  auth: ConsoleAuthFactory;
  trustProxy: boolean;
}

/**
 * Who may call the admin API: `Authorization: Bearer <admin token>` (automation), or a console
 * session cookie, whose state-changing requests must come from our own pages (CSRF). Then the
 * role must grant the area the request changes (shared/roles.ts), else 403.
 */
export function adminAuth({ tokens, auth, trustProxy }: AdminAuthOptions): MiddlewareHandler<AdminEnv> {
  return async function adminAuth(c, next) {
    const authorization = c.req.header('authorization');
    // Paths below the admin mount point (/api/v1/admin), as permissions.ts lists them.
    const area = changedArea(c.req.method, c.req.path.replace(/^.*?\/api\/v1\/admin/, ''));
    let me: Me;
    if (authorization !== undefined) {
      const presented = bearerToken(authorization);
      if (presented === undefined || !(await tokens.verify(presented))) {
        c.header('WWW-Authenticate', 'Bearer realm="kizuna"');
        throw new ApiError(401, 'unauthorized', 'wrong admin token');
      }
      me = TOKEN_IDENTITY;
    } else {
      const session = await auth(isHttps(c, trustProxy)).api.getSession({ headers: c.req.raw.headers });
      // Disabling deletes the account's sessions; one made by a sign-in racing with it counts for nothing either.
      if (!session || session.user.disabled) {
        c.header('WWW-Authenticate', 'Bearer realm="kizuna"');
        throw new ApiError(401, 'unauthorized', 'sign in, or send Authorization: Bearer <admin token>');
      }
      if (area !== null && !isSameOrigin(c, trustProxy)) throw new ApiError(403, 'csrf_failed', 'state-changing requests with a session cookie must come from the console’s own origin');
      const { id, email, name, role } = session.user;
      me = { id, email, name, role: role as Role };
    }
    if (area !== null && area !== 'own' && (area === 'unlisted' ? me.role !== 'owner' : !can(me.role, area))) {
      throw new ApiError(403, 'forbidden', `the ${me.role} role cannot change ${area === 'unlisted' ? 'this' : area}`);
    }
    c.set('me', me);
    c.set('actor', me.email ?? me.id);
    await next();
  };
}
