import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_SETTING, adminTokenCommand, storedAdminToken } from '../../server/auth/admin-token.ts';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { makeTempDir } from './helpers.ts';

describe('npm run admin-token', () => {
  let dir: string;
  let store: Store;
  let lines: string[];
  const run = (args: string[], fromEnvironment = false) => adminTokenCommand(args, { settings: store.settings, fromEnvironment, print: (line) => lines.push(line) });
  beforeEach(() => {
    dir = makeTempDir();
    store = openSqliteStore(join(dir, 'kizuna.sqlite'));
    lines = [];
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the stored token (creating it on a database never started), the same each time', async () => {
    expect(await run([])).toBe(0);
    expect(await run([])).toBe(0);
    expect(lines[0]).toMatch(/^kz_[A-Za-z0-9]{32}$/);
    expect(lines[1]).toBe(lines[0]);
    expect(await store.settings.get(ADMIN_TOKEN_SETTING)).toBe(lines[0]);
  });

  it('--rotate stores and prints a new token', async () => {
    await run([]);
    expect(await run(['--rotate'])).toBe(0);
    expect(lines[1]).toMatch(/^kz_[A-Za-z0-9]{32}$/);
    expect(lines[1]).not.toBe(lines[0]);
    expect(await store.settings.get(ADMIN_TOKEN_SETTING)).toBe(lines[1]);
  });

  it('refuses to rotate a token set by KIZUNA_ADMIN_TOKEN, and unknown arguments', async () => {
    expect(await run(['--rotate'], true)).toBe(1);
    expect(lines[0]).toContain('KIZUNA_ADMIN_TOKEN');
    expect(await store.settings.get(ADMIN_TOKEN_SETTING)).toBeNull();
    expect(await run(['--rotat'])).toBe(2);
  });
});

describe('storedAdminToken', () => {
  it('re-reads the database after its time to live, so a rotation by another process takes effect', async () => {
    const dir = makeTempDir();
    const store = openSqliteStore(join(dir, 'kizuna.sqlite'));
    let now = 0;
    const check = storedAdminToken(store.settings, 5_000, () => now);
    expect(await check.verify('anything')).toBe(false);
    await store.settings.set(ADMIN_TOKEN_SETTING, 'kz_first');
    now = 5_000;
    expect(await check.verify('kz_first')).toBe(true);
    await store.settings.set(ADMIN_TOKEN_SETTING, 'kz_second');
    now = 9_999;
    expect(await check.verify('kz_second')).toBe(false);
    expect(await check.verify('kz_first')).toBe(true);
    now = 10_000;
    expect(await check.verify('kz_second')).toBe(true);
    expect(await check.verify('kz_first')).toBe(false);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
