import type { MiddlewareHandler } from 'hono';
import { can, type Permission } from '../../shared/roles.ts';
import { ApiError } from '../errors.ts';
import type { AdminEnv } from './admin-auth.ts';

/**
 * Keeps a route to the roles granted `area`, reads included (after `adminAuth`, which has
 * established who is calling): for what only some roles may even see.
 */
export const requirePermission = (area: Permission): MiddlewareHandler<AdminEnv> =>
  async function requirePermission(c, next) {
    if (!can(c.var.me.role, area)) throw new ApiError(403, 'forbidden', `the ${c.var.me.role} role cannot use ${area}`);
    await next();
  };
