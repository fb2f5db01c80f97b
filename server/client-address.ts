import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The caller's IP address. With `trustProxy`, the last X-Forwarded-For hop, the one our own
 * proxy appended (earlier hops are whatever the client claimed). Undefined when the request
 * did not come through a Node socket (e.g. `app.request` in tests).
 */
export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming ? getConnInfo(c).remote.address : undefined;
}
