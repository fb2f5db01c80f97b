import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type StartOptions } from '../../server/start.ts';
import { makeTempDir } from './helpers.ts';

describe('startServer', () => {
  let dir: string;
  let options: StartOptions;
  beforeEach(() => {
    dir = makeTempDir();
    options = { port: 0, dbFile: join(dir, 'nested', 'kizuna.sqlite'), widgetDir: join(dir, 'widget'), consoleDir: join(dir, 'console'), rateLimitPerMinute: 600, trustProxy: false };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rows = (sql: string) => {
    const db = new Database(options.dbFile, { readonly: true });
    try {
      return db.prepare(sql).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };

  it('listens on a free port, answers /healthz over HTTP, and closes cleanly', async () => {
    const server = await startServer(options);
    expect(server.url).toBe(`http://localhost:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('creates the folder, migrates in WAL mode, and seeds pk_demo exactly once across two starts', async () => {
    await (await startServer(options)).close();
    await (await startServer(options)).close();
    expect(rows("SELECT key, name, allowed_origins FROM projects")).toEqual([{ key: 'pk_demo', name: 'Demo SaaS', allowed_origins: '[]' }]);
    const surveys = rows('SELECT active, delay_seconds, recontact_days, touchpoints FROM surveys');
    expect(surveys).toHaveLength(1);
    expect(surveys[0]).toMatchObject({ active: 1, delay_seconds: 2, recontact_days: 90 });
    expect((JSON.parse(surveys[0]!.touchpoints as string) as Array<{ key: string }>).map((tp) => tp.key)).toEqual([
      'onboarding',
      'docs',
      'support',
      'billing',
      'performance',
      'features',
    ]);
    expect(rows('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('generates an admin token once and reuses it on the next start', async () => {
    const first = await startServer(options);
    await first.close();
    expect(first.adminToken).toMatch(/^kz_[A-Za-z0-9]{32}$/);
    const second = await startServer(options);
    await second.close();
    expect(second.adminToken).toBe(first.adminToken);
  });

  it('uses a given admin token and session secret without storing them', async () => {
    const server = await startServer({ ...options, adminToken: 'given-token-0123456789', authSecret: 'given-secret-0123456789-0123456789' });
    const res = await fetch(`${server.url}/api/v1/admin/projects`, { headers: { authorization: 'Bearer given-token-0123456789' } });
    expect(res.status).toBe(200);
    await server.close();
    expect(server.adminToken).toBe('given-token-0123456789');
    expect(rows('SELECT * FROM settings')).toEqual([]);
  });

  it('gives the landing page’s admin token to a loopback client over real HTTP', async () => {
    const server = await startServer(options);
    const page = await (await fetch(`${server.url}/`)).text();
    await server.close();
    expect(page).toContain(server.adminToken);
  });

  it('rejects, releasing the database, when the port is taken', async () => {
    const server = await startServer(options);
    await expect(startServer({ ...options, port: server.port, dbFile: join(dir, 'other.sqlite') })).rejects.toThrow(/EADDRINUSE/);
    await server.close();
  });
  const signIn = (url: string, email: string, password: string) =>
    fetch(`${url}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ email, password }) });

  it('creates a demo owner with a generated password on the first start only, and keeps the session secret', async () => {
    const first = await startServer(options);
    const { account, password } = first.firstOwner!;
    expect(account).toMatchObject({ email: 'demo@kizuna.local', role: 'owner' });
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await signIn(first.url, account.email, password!)).status).toBe(200);
    await first.close();

    const second = await startServer(options);
    expect(second.firstOwner).toBeNull();
    expect((await signIn(second.url, account.email, password!)).status).toBe(200);
    await second.close();
    expect(rows('SELECT count(*) AS n FROM console_users')).toEqual([{ n: 1 }]);
    expect(rows("SELECT length(value) AS n FROM settings WHERE key = 'auth_secret'")).toEqual([{ n: 48 }]);
  });

  it('creates the owner from KIZUNA_OWNER_EMAIL / KIZUNA_OWNER_PASSWORD instead, printing no password', async () => {
    const server = await startServer({ ...options, owner: { email: 'owner@example.com', password: 'a long passphrase' } });
    expect(server.firstOwner).toEqual({ account: expect.objectContaining({ email: 'owner@example.com', role: 'owner' }) });
    expect((await signIn(server.url, 'owner@example.com', 'a long passphrase')).status).toBe(200);
    await server.close();
  });
});
