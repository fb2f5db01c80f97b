import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginFailure, Store } from '../../server/data/store.ts';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** One more failure: the count up by one, the block left as it was. */
const plusOne = (current: LoginFailure | null): LoginFailure =>
  current ? { ...current, failures: current.failures + 1 } : { failures: 1, firstFailureAt: T0, blockedUntil: null };

/**
 * What every `Store` must do with failed sign-ins (`store.loginFailures`). Run it once per
 * implementation: `runLoginFailuresContract('sqlite', async () => openSqliteStore(file))`.
 */
export function runLoginFailuresContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}: login failures`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('has nothing for a key never updated', async () => {
      expect(await store.loginFailures.get(['account:nobody@example.com'])).toEqual(new Map());
      expect(await store.loginFailures.get([])).toEqual(new Map());
    });

    it('stores what `next` returns, hands it the stored record, and keeps keys apart', async () => {
      const first = await store.loginFailures.update('account:a@example.com', (current) => {
        expect(current).toBeNull();
        return { failures: 1, firstFailureAt: T0, blockedUntil: null };
      });
      expect(first).toEqual({ failures: 1, firstFailureAt: T0, blockedUntil: null });
      const blocked = { failures: 2, firstFailureAt: T0, blockedUntil: at(60_000) };
      await store.loginFailures.update('account:a@example.com', (current) => {
        expect(current).toEqual(first);
        return blocked;
      });
      await store.loginFailures.update('ip:192.0.2.1', plusOne);

      const records = await store.loginFailures.get(['account:a@example.com', 'ip:192.0.2.1', 'ip:192.0.2.2']);
      expect(records).toEqual(
        new Map<string, LoginFailure>([
          ['account:a@example.com', blocked],
          ['ip:192.0.2.1', { failures: 1, firstFailureAt: T0, blockedUntil: null }],
        ]),
      );
    });

    it('counts every one of many concurrent updates of one key', async () => {
      await Promise.all(Array.from({ length: 25 }, () => store.loginFailures.update('ip:192.0.2.9', plusOne)));
      expect((await store.loginFailures.get(['ip:192.0.2.9'])).get('ip:192.0.2.9')?.failures).toBe(25);
    });

    it('stores nothing when `next` throws', async () => {
      await expect(
        store.loginFailures.update('account:b@example.com', () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.loginFailures.get(['account:b@example.com'])).toEqual(new Map());
    });

    it('clears one key only', async () => {
      await store.loginFailures.update('account:a@example.com', plusOne);
      await store.loginFailures.update('account:b@example.com', plusOne);
      await store.loginFailures.clear('account:a@example.com');
      expect([...(await store.loginFailures.get(['account:a@example.com', 'account:b@example.com'])).keys()]).toEqual(['account:b@example.com']);
    });

    it('deletes only the records whose first failure and block end are both at or before the given time', async () => {
      const set = (key: string, record: LoginFailure) => store.loginFailures.update(key, () => record);
      await set('old', { failures: 3, firstFailureAt: T0, blockedUntil: null });
      await set('old-block-ended', { failures: 12, firstFailureAt: T0, blockedUntil: at(5 * 60_000) });
      await set('still-blocked', { failures: 12, firstFailureAt: T0, blockedUntil: at(30 * 60_000) });
      await set('recent', { failures: 1, firstFailureAt: at(20 * 60_000), blockedUntil: null });
      await set('just-idle', { failures: 1, firstFailureAt: at(10 * 60_000), blockedUntil: null });

      await store.loginFailures.deleteIdleSince(at(10 * 60_000));
      const left = await store.loginFailures.get(['old', 'old-block-ended', 'still-blocked', 'recent', 'just-idle']);
      expect([...left.keys()].sort()).toEqual(['recent', 'still-blocked']);
    });
  });
}
