import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../server/delivery/retry-after.ts';
import { MAX_ATTEMPTS, nextAttemptAt } from '../../../server/delivery/schedule.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const t0 = Date.parse('2026-12-06T00:00:00Z');

describe('nextAttemptAt: Svix schedule with ±10 % jitter', () => {
  it.each([
    [1, 5 * SECOND],
    [2, 5 * MINUTE],
    [3, 30 * MINUTE],
    [4, 2 * HOUR],
    [5, 5 * HOUR],
    [6, 10 * HOUR],
    [7, 10 * HOUR],
  ])('after attempt %i the next is %i ms later, give or take 10 %', (attemptsMade, wait) => {
    const waitWith = (random: number) => nextAttemptAt({ attemptsMade, lastAttemptAt: t0, random: () => random })! - t0;
    expect(waitWith(0.5)).toBe(wait);
    expect(waitWith(0)).toBe(Math.round(wait * 0.9));
    // random() stays below 1: the longest wait approaches +10 % (to the ms).
    expect(waitWith(0.999999)).toBeLessThanOrEqual(wait * 1.1);
    expect(waitWith(0.999999)).toBeGreaterThan(wait * 1.0999);
  });

  it('has eight attempts, and none after the eighth', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextAttemptAt({ attemptsMade: 8, lastAttemptAt: t0 })).toBeNull();
    expect(nextAttemptAt({ attemptsMade: 8, lastAttemptAt: t0, retryAfterMs: MINUTE })).toBeNull();
  });

  it('jitters with Math.random unless told otherwise', () => {
    const waits = Array.from({ length: 50 }, () => nextAttemptAt({ attemptsMade: 2, lastAttemptAt: t0 })! - t0);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(4.5 * MINUTE);
    expect(Math.max(...waits)).toBeLessThanOrEqual(5.5 * MINUTE);
    expect(new Set(waits).size).toBeGreaterThan(1);
  });

  it('honours a longer Retry-After, up to 24 hours, and ignores a shorter one', () => {
    const next = (attemptsMade: number, retryAfterMs: number) => nextAttemptAt({ attemptsMade, lastAttemptAt: t0, retryAfterMs, random: () => 0.5 })! - t0;
    expect(next(1, 7 * SECOND)).toBe(7 * SECOND);
    expect(next(1, 2 * SECOND)).toBe(5 * SECOND);
    expect(next(3, 3 * HOUR)).toBe(3 * HOUR);
    expect(next(1, 3 * DAY)).toBe(DAY);
  });

  it('refuses to schedule before any attempt was made', () => {
    expect(() => nextAttemptAt({ attemptsMade: 0, lastAttemptAt: t0 })).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['7', 7000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Sun, 06 Dec 2026 00:00:30 GMT', 30_000],
    ['Sat, 05 Dec 2026 23:00:00 GMT', 0],
    [undefined, undefined],
    ['', undefined],
    ['soon', undefined],
    ['-1', undefined],
    ['1.5', undefined],
  ])('%j → %j ms', (header, ms) => {
    expect(parseRetryAfter(header, t0)).toBe(ms);
  });
});
