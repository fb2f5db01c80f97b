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
      allowPrivateWebhooks: false,
      deliveryLeaseSeconds: 60,
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
        KIZUNA_METRICS_TOKEN: 'a-long-metrics-token',
        KIZUNA_PUBLIC_URL: 'https://kizuna.example.com',
        KIZUNA_WEBHOOK_ALLOW_PRIVATE: '1',
        KIZUNA_DELIVERY_LEASE_SECONDS: '15',
        KIZUNA_RATE_LIMIT: '30',
        KIZUNA_TRUST_PROXY: 'true',
        KIZUNA_WIDGET_DIR: '/srv/widget',
        KIZUNA_CONSOLE_DIR: '/srv/console',
      }),
    ).toEqual({
      port: 0,
      dbFile: '/tmp/k.sqlite',
      adminToken: 'a-long-enough-token',
      metricsToken: 'a-long-metrics-token',
      publicUrl: 'https://kizuna.example.com',
      allowPrivateWebhooks: true,
      deliveryLeaseSeconds: 15,
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

  it('reads the mail variables: an SMTP URL and the sender, together', () => {
    expect(readConfig({ KIZUNA_SMTP_URL: 'smtps://kizuna:s3cret@mail.example.com:465', KIZUNA_MAIL_FROM: 'kizuna@example.com' })).toMatchObject({
      mail: { smtpUrl: 'smtps://kizuna:s3cret@mail.example.com:465', from: 'kizuna@example.com' },
    });
    expect(readConfig({}).mail).toBeUndefined();
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
    [{ KIZUNA_METRICS_TOKEN: 'short' }, 'KIZUNA_METRICS_TOKEN'],
    [{ KIZUNA_PUBLIC_URL: 'kizuna.example.com' }, 'KIZUNA_PUBLIC_URL'],
    [{ KIZUNA_PUBLIC_URL: 'ftp://kizuna.example.com' }, 'KIZUNA_PUBLIC_URL'],
    [{ KIZUNA_DELIVERY_LEASE_SECONDS: '14' }, 'KIZUNA_DELIVERY_LEASE_SECONDS'],
    [{ KIZUNA_DELIVERY_LEASE_SECONDS: '20.5' }, 'KIZUNA_DELIVERY_LEASE_SECONDS'],
    [{ KIZUNA_AUTH_SECRET: 'short' }, 'KIZUNA_AUTH_SECRET'],
    [{ KIZUNA_SMTP_URL: 'https://mail.example.com', KIZUNA_MAIL_FROM: 'kizuna@example.com' }, 'KIZUNA_SMTP_URL'],
    [{ KIZUNA_SMTP_URL: 'smtp://mail.example.com:587' }, 'KIZUNA_MAIL_FROM'],
    [{ KIZUNA_SMTP_URL: 'smtp://mail.example.com:587', KIZUNA_MAIL_FROM: 'not an address' }, 'KIZUNA_MAIL_FROM'],
    [{ KIZUNA_OWNER_EMAIL: 'not-an-email', KIZUNA_OWNER_PASSWORD: 'a long passphrase' }, 'KIZUNA_OWNER_EMAIL'],
    [{ KIZUNA_OWNER_EMAIL: 'a@example.com', KIZUNA_OWNER_PASSWORD: 'short' }, 'KIZUNA_OWNER_PASSWORD'],
    [{ KIZUNA_OWNER_EMAIL: 'a@example.com' }, 'KIZUNA_OWNER_PASSWORD'],
  ])('throws naming the variable for %o', (env, name) => {
    expect(() => readConfig(env)).toThrow(name);
  });
});
