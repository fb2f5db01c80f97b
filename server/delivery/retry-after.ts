/**
 * How long a `Retry-After` header asks us to wait, in ms from `now`: either delay-seconds
 * (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`); a date already past gives 0.
 * Undefined when the header is absent or unreadable, so the normal schedule applies.
 * @example parseRetryAfter('7', Date.now()); // 7000
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  // Only the HTTP-date form: `Date.parse` also reads bare numbers like "-1" or "1.5" as years.
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
  return Math.max(0, at - now);
}
