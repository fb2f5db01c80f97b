import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';

describe('readConfig', () => {
  it('falls back to the documented defaults', () => {
    expect(readConfig({})).toEqual({
      port: 8787,
      dbFile: './data/kizuna.sqlite',
      adminToken: undefined,
      rateLimitPerMinute: 600,
      trustProxy: false,
      // Beside the bundle: dist/server/main.js → dist/widget/ (from source, server/ → widget/).
      widgetDir: fileURLToPath(new URL('../../widget/', import.meta.url)),
      consoleDir: fileURLToPath(new URL('../../console/', import.meta.url)),
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        PORT: '0',
        KIZUNA_DB: '/tmp/k.sqlite',
        KIZUNA_ADMIN_TOKEN: 'a-long-enough-token',
        KIZUNA_RATE_LIMIT: '30',
        KIZUNA_TRUST_PROXY: 'true',
        KIZUNA_WIDGET_DIR: '/srv/widget',
        KIZUNA_CONSOLE_DIR: '/srv/console',
      }),
    ).toEqual({
      port: 0,
      dbFile: '/tmp/k.sqlite',
      adminToken: 'a-long-enough-token',
      rateLimitPerMinute: 30,
      trustProxy: true,
      widgetDir: '/srv/widget',
      consoleDir: '/srv/console',
    });
  });

  it('reads the console variables: session secret and first owner (e-mail normalised)', () => {
    expect(
      readConfig({ KIZUNA_AUTH_SECRET: 'x'.repeat(32), KIZUNA_OWNER_EMAIL: 'Owner@Example.com', KIZUNA_OWNER_PASSWORD: 'a long passphrase' }),
    ).toMatchObject({ authSecret: 'x'.repeat(32), owner: { email: 'owner@example.com', password: 'a long passphrase' } });
  });

  it('treats empty variables as unset', () => {
    expect(readConfig({ PORT: '', KIZUNA_ADMIN_TOKEN: '' })).toMatchObject({ port: 8787, adminToken: undefined });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ KIZUNA_RATE_LIMIT: '0' }, 'KIZUNA_RATE_LIMIT'],
    [{ KIZUNA_TRUST_PROXY: 'maybe' }, 'KIZUNA_TRUST_PROXY'],
    [{ KIZUNA_ADMIN_TOKEN: 'short' }, 'KIZUNA_ADMIN_TOKEN'],
    [{ KIZUNA_AUTH_SECRET: 'short' }, 'KIZUNA_AUTH_SECRET'],
    [{ KIZUNA_OWNER_EMAIL: 'not-an-email', KIZUNA_OWNER_PASSWORD: 'a long passphrase' }, 'KIZUNA_OWNER_EMAIL'],
    [{ KIZUNA_OWNER_EMAIL: 'a@example.com', KIZUNA_OWNER_PASSWORD: 'short' }, 'KIZUNA_OWNER_PASSWORD'],
    [{ KIZUNA_OWNER_EMAIL: 'a@example.com' }, 'KIZUNA_OWNER_PASSWORD'],
  ])('throws naming the variable for %o', (env, name) => {
    expect(() => readConfig(env)).toThrow(name);
  });
});
