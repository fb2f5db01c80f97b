import type { LoginFailure } from '../data/store.ts';

/**
 * When failed sign-ins block an account or a client address, and for how long. Pure: every
 * function takes the time it is asked about, so tests (and any caller) choose the clock.
 *
 * A run of failures is counted within a window that starts at its first failure. Reaching
 * `maxFailures` blocks the key for `firstWaitMs`; each further failure while the record is alive
 * doubles the wait, up to `maxWaitMs`. A record dies (the count starts again from one) only once
 * a whole window has passed both since its first failure and since its block ended, so an
 * attacker who waits out one block does not get a fresh allowance: the next failure blocks
 * again, for twice as long.
 */

const MINUTE_MS = 60_000;

/** The thresholds of one kind of key (accounts, client addresses). */
export interface FailureLimit {
  /** The failure that blocks the key: the `maxFailures`-th within `windowMs`. */
  maxFailures: number;
  windowMs: number;
  /** The first block; each further failure doubles it. */
  firstWaitMs: number;
  /** No block is longer. */
  maxWaitMs: number;
}

/** Per account (`account:<lower-cased e-mail>`): 10 failures in 15 minutes, then 1 minute, doubling up to an hour. */
export const ACCOUNT_LIMIT: FailureLimit = { maxFailures: 10, windowMs: 15 * MINUTE_MS, firstWaitMs: MINUTE_MS, maxWaitMs: 60 * MINUTE_MS };

/**
 * Per client address (`ip:<address>`): 30 failures in 15 minutes, so that an office behind one
 * NAT does not lock itself out by a few typos, yet one machine cannot try many accounts.
 */
export const ADDRESS_LIMIT: FailureLimit = { maxFailures: 30, windowMs: 15 * MINUTE_MS, firstWaitMs: MINUTE_MS, maxWaitMs: 60 * MINUTE_MS };

/** When the record stops counting: a window after the later of its first failure and the end of its block. */
export function expiresAt(record: LoginFailure, limit: FailureLimit): Date {
  const since = Math.max(record.firstFailureAt.getTime(), record.blockedUntil?.getTime() ?? 0);
  return new Date(since + limit.windowMs);
}

/** Milliseconds the key must still wait at `now` (0: not blocked). */
export function waitLeftMs(record: LoginFailure | null, now: Date): number {
  const until = record?.blockedUntil?.getTime() ?? 0;
  return Math.max(0, until - now.getTime());
}

/** The record after one more failed sign-in at `now`. */
export function afterFailure(record: LoginFailure | null, now: Date, limit: FailureLimit): LoginFailure {
  const alive = record !== null && now < expiresAt(record, limit);
  const failures = alive ? record.failures + 1 : 1;
  const firstFailureAt = alive ? record.firstFailureAt : now;
  if (failures < limit.maxFailures) return { failures, firstFailureAt, blockedUntil: null };
  // The exponent is clamped so a very long run cannot overflow before the cap applies.
  const doublings = Math.min(failures - limit.maxFailures, 30);
  const wait = Math.min(limit.firstWaitMs * 2 ** doublings, limit.maxWaitMs);
  return { failures, firstFailureAt, blockedUntil: new Date(now.getTime() + wait) };
}
