import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, afterFailure, expiresAt, waitLeftMs, type FailureLimit } from '../../server/auth/login-failure-policy.ts';
import type { LoginFailure } from '../../server/data/store.ts';

const MINUTE = 60_000;
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `count` failures at `times(i)` from nothing, as the store would keep them. */
function failures(count: number, limit: FailureLimit, times: (i: number) => Date = () => T0): LoginFailure | null {
  let record: LoginFailure | null = null;
  for (let i = 0; i < count; i++) record = afterFailure(record, times(i), limit);
  return record;
}

describe('sign-in failure policy', () => {
  it('limits accounts to 10 and addresses to 30 failures in 15 minutes, then 1 minute doubling to an hour', () => {
    expect(ACCOUNT_LIMIT).toEqual({ maxFailures: 10, windowMs: 15 * MINUTE, firstWaitMs: MINUTE, maxWaitMs: 60 * MINUTE });
    expect(ADDRESS_LIMIT).toMatchObject({ maxFailures: 30, windowMs: 15 * MINUTE });
  });

  it('does not block before the 10th failure within the window; the 10th blocks for a minute', () => {
    const nine = failures(9, ACCOUNT_LIMIT, (i) => at(i * MINUTE));
    expect(nine).toEqual({ failures: 9, firstFailureAt: T0, blockedUntil: null });
    expect(waitLeftMs(nine, at(9 * MINUTE))).toBe(0);
    const tenth = afterFailure(nine, at(14 * MINUTE), ACCOUNT_LIMIT);
    expect(tenth.blockedUntil).toEqual(at(15 * MINUTE));
    expect(waitLeftMs(tenth, at(14 * MINUTE))).toBe(MINUTE);
    expect(waitLeftMs(tenth, at(14.5 * MINUTE))).toBe(MINUTE / 2);
    expect(waitLeftMs(tenth, at(15 * MINUTE))).toBe(0);
  });

  it('starts counting again once the window has passed without a block', () => {
    const nine = failures(9, ACCOUNT_LIMIT);
    const later = afterFailure(nine, at(15 * MINUTE), ACCOUNT_LIMIT);
    expect(later).toEqual({ failures: 1, firstFailureAt: at(15 * MINUTE), blockedUntil: null });
  });

  it('doubles the wait with each further failure after a block, up to an hour', () => {
    let record = failures(10, ACCOUNT_LIMIT);
    let now = T0;
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      waits.push(waitLeftMs(record, now));
      now = record!.blockedUntil!; // each guess comes as soon as the block ends
      record = afterFailure(record, now, ACCOUNT_LIMIT);
    }
    expect(waits.map((ms) => ms / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('keeps a blocked record alive for a window after its block ends, so waiting it out gives no fresh allowance', () => {
    const blocked = failures(10, ACCOUNT_LIMIT)!;
    expect(expiresAt(blocked, ACCOUNT_LIMIT)).toEqual(at(16 * MINUTE));
    expect(afterFailure(blocked, at(15.9 * MINUTE), ACCOUNT_LIMIT)).toMatchObject({ failures: 11, blockedUntil: at(17.9 * MINUTE) });
    expect(afterFailure(blocked, at(16 * MINUTE), ACCOUNT_LIMIT)).toEqual({ failures: 1, firstFailureAt: at(16 * MINUTE), blockedUntil: null });
  });

  it('caps very long runs at the longest wait', () => {
    const long = afterFailure({ failures: 5_000, firstFailureAt: T0, blockedUntil: T0 }, T0, ACCOUNT_LIMIT);
    expect(waitLeftMs(long, T0)).toBe(60 * MINUTE);
  });

  it('lets an address fail 29 times without a block', () => {
    expect(failures(29, ADDRESS_LIMIT)!.blockedUntil).toBeNull();
    expect(waitLeftMs(failures(30, ADDRESS_LIMIT), T0)).toBe(MINUTE);
    expect(waitLeftMs(null, T0)).toBe(0);
  });
});
