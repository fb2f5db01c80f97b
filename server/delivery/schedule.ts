const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Svix's schedule: the wait before attempt n+1, counted from attempt n (the first attempt is made
 * at once). Eight attempts spread over about 27.5 hours ride out a receiver's deploy or a day's outage.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** Attempts a delivery gets before it is `failed`: the first, then one per {@link RETRY_DELAYS_MS}. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Each wait is stretched or shrunk by up to this fraction, so endpoints failing together do not retry in step. */
export const RETRY_JITTER = 0.1;

/** The longest wait a receiver's `Retry-After` can impose; past it we would rather try and fail. */
export const MAX_RETRY_AFTER_MS = DAY;

/** An endpoint whose deliveries have all failed for this long is deactivated. */
export const DEACTIVATE_AFTER_FAILING_MS = 5 * DAY;

/**
 * When to make the next attempt at a delivery, in ms since the epoch, or null when
 * `attemptsMade` was the last ({@link MAX_ATTEMPTS}) and the delivery is `failed`.
 * The wait is the schedule's, jittered by ±{@link RETRY_JITTER}; a receiver's `Retry-After`
 * replaces it when it asks for longer, capped at {@link MAX_RETRY_AFTER_MS}.
 * @param attemptsMade attempts made so far, counting the one that just failed (≥ 1)
 * @param lastAttemptAt when that attempt was made
 * @param retryAfterMs what its answer's `Retry-After` asked for, if anything
 * @param random a number in [0, 1) (`Math.random` unless given, for tests)
 * @example nextAttemptAt({ attemptsMade: 1, lastAttemptAt: now }); // now + 4.5…5.5 s
 */
export function nextAttemptAt({
  attemptsMade,
  lastAttemptAt,
  retryAfterMs,
  random = Math.random,
}: {
  attemptsMade: number;
  lastAttemptAt: number;
  retryAfterMs?: number | undefined;
  random?: () => number;
}): number | null {
  if (!(attemptsMade >= 1)) throw new RangeError(`nextAttemptAt: attemptsMade must be at least 1, got ${attemptsMade}`);
  const scheduled = RETRY_DELAYS_MS[attemptsMade - 1];
  if (scheduled === undefined) return null;
  const jittered = Math.round(scheduled * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()));
  const asked = Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return lastAttemptAt + Math.max(jittered, asked);
}
