import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { clientAddress } from '../client-address.ts';
import { ApiError } from '../errors.ts';

export interface RateLimitOptions {
  /** Requests per minute per project key and client IP. */
  perMinute: number;
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
}

/**
 * Limits client-API requests per project key + IP (in memory, per process); past the limit a
 * 429 `rate_limited` with `Retry-After`. Keyed by project as well so one busy customer behind a
 * shared IP cannot starve another project's widget.
 */
export function rateLimit({ perMinute, trustProxy }: RateLimitOptions): MiddlewareHandler {
  return rateLimiter({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => `${c.req.param('projectKey')} ${clientAddress(c, trustProxy) ?? 'unknown'}`,
    handler: () => {
      throw new ApiError(429, 'rate_limited', 'too many requests; retry after the number of seconds in Retry-After');
    },
  });
}
