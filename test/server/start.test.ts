import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN_TTL_MS, adminTokenCommand } from '../../server/auth/admin-token.ts';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import { createLogger } from '../../server/log.ts';
import { startServer, type StartOptions } from '../../server/start.ts';
import { makeTempDir } from './helpers.ts';

describe('startServer', () => {
  let dir: string;
  let options: StartOptions;
  beforeEach(() => {
    dir = makeTempDir();
    options = { port: 0, dbFile: join(dir, 'nested', 'kizuna.sqlite'), widgetDir: join(dir, 'widget'), consoleDir: join(dir, 'console'), rateLimitPerMinute: 600, trustProxy: false, logger: createLogger({ level: 'silent' }) };
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

  it('never gives the admin token to a loopback client over real HTTP, whatever Host it names (DNS rebinding)', async () => {
    const server = await startServer(options);
    for (const host of [`localhost:${server.port}`, `rebind.attacker.example:${server.port}`]) {
      const page = await new Promise<string>((resolve, reject) => {
        // fetch() will not send another Host; node:http does, as a rebound browser would.
        request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve(body));
        })
          .on('error', reject)
          .end();
      });
      expect(page).toContain('Kizuna');
      expect(page).not.toContain(server.adminToken);
    }
    await server.close();
  });

  it('says it created the admin token on the first start only (main.ts prints it then), and takes a rotated one without a restart', async () => {
    const first = await startServer(options);
    expect(first.adminTokenCreated).toBe(true);
    await first.close();
    const second = await startServer(options);
    expect(second.adminTokenCreated).toBe(false);
    const lines: string[] = [];
    const store = openSqliteStore(options.dbFile);
    expect(await adminTokenCommand(['--rotate'], { settings: store.settings, fromEnvironment: false, print: (line) => lines.push(line) })).toBe(0);
    await store.close();
    const rotated = lines[0]!;
    expect(rotated).toMatch(/^kz_[A-Za-z0-9]{32}$/);
    expect(rotated).not.toBe(second.adminToken);
    const status = async (token: string) => (await fetch(`${second.url}/api/v1/admin/projects`, { headers: { authorization: `Bearer ${token}` } })).status;
    // Within ADMIN_TOKEN_TTL_MS the server moves to the new token and drops the old one.
    await vi.waitFor(async () => expect(await status(rotated)).toBe(200), { timeout: ADMIN_TOKEN_TTL_MS + 2_000, interval: 250 });
    expect(await status(second.adminToken)).toBe(401);
    await second.close();
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
