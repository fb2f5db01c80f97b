const BASE_MS = 1_000;
const MAX_MS = 60_000;

/** Exponential backoff with jitter: min(rand[1,2) · 1 s · 2ⁿ, 60 s), so many clients do not retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min((1 + random()) * BASE_MS * 2 ** attempt, MAX_MS);
}

const DAY_MS = 86_400_000;

/** `Retry-After` as seconds or an HTTP date, in ms from `now`; capped at a day (timers overflow past ~24.8 days). */
export function retryAfterDelay(header: string | null, now: number): number | null {
  if (!header?.trim()) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1_000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? null : Math.min(Math.max(ms, 0), DAY_MS);
}
