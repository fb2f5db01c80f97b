import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInLimiter, type SignInLimiter } from '../../server/auth/sign-in-limiter.ts';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { makeTempDir } from './helpers.ts';

const MINUTE = 60_000;

describe('sign-in limiter (on a clock of its own)', () => {
  let dir: string;
  let store: Store;
  let now: number;
  let limiter: SignInLimiter;
  beforeEach(() => {
    dir = makeTempDir();
    store = openSqliteStore(join(dir, 'kizuna.sqlite'));
    now = Date.parse('2026-03-02T09:00:00Z');
    limiter = signInLimiter(store.loginFailures, { now: () => new Date(now) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A wrong password for `email` from `address`, as the sign-in route reports it. */
  async function fail(email: string, address: string): Promise<number> {
    const wait = await limiter.begin(email, address);
    if (wait === 0) await limiter.failed(address);
    return wait;
  }

  it('keys accounts by the lower-cased e-mail and counts them before the password is checked', async () => {
    for (let i = 0; i < 10; i++) expect(await limiter.begin(i % 2 ? 'Sato@Example.com' : 'sato@example.com', `192.0.2.${i}`)).toBe(0);
    expect(await limiter.begin('SATO@example.com', '192.0.2.99')).toBe(60);
    now += 45_500;
    expect(await limiter.begin('sato@example.com', '192.0.2.99')).toBe(15); // whole seconds, rounded up
  });

  it('asks the address first: a blocked address counts nothing against the account', async () => {
    for (let i = 0; i < 30; i++) await fail(`user${i}@example.com`, '192.0.2.1');
    expect(await limiter.begin('sato@example.com', '192.0.2.1')).toBe(60);
    expect(await store.loginFailures.get(['account:sato@example.com'])).toEqual(new Map());
  });

  it('forgets the account on success, and never the address', async () => {
    for (let i = 0; i < 29; i++) await fail('sato@example.com'.replace('sato', `u${i}`), '192.0.2.1');
    await limiter.begin('sato@example.com', '192.0.2.1');
    await limiter.succeeded('Sato@example.com');
    expect(await store.loginFailures.get(['account:sato@example.com'])).toEqual(new Map());
    expect((await store.loginFailures.get(['ip:192.0.2.1'])).get('ip:192.0.2.1')?.failures).toBe(29);
  });

  it('clears out records that no longer count, now and then, as failures come in', async () => {
    await fail('old@example.com', '192.0.2.1');
    now += 15 * MINUTE;
    await fail('new@example.com', '192.0.2.2');
    const left = await store.loginFailures.get(['account:old@example.com', 'ip:192.0.2.1', 'account:new@example.com', 'ip:192.0.2.2']);
    expect([...left.keys()].sort()).toEqual(['account:new@example.com', 'ip:192.0.2.2']);
  });
});
