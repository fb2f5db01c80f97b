import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KizunaProcess {
  origin: string;
  adminToken: string;
  dbFile: string;
  admin<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Everything the server has written to stdout so far (its JSON-lines log). */
  output(): string;
  stop(): Promise<number | null>;
  /** `kill -9`: the process dies at once, mid-request or mid-delivery, as in a crash. */
  kill(): Promise<void>;
}

/**
 * Starts the built server (`dist/server/main.js`, as `npm run serve` does) on a fresh SQLite
 * file and a free port, the way an operator would run it.
 */
export async function startKizuna(env: Record<string, string> = {}): Promise<KizunaProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-browser-'));
  const dbFile = join(dir, 'kizuna.sqlite');
  const adminToken = 'kz_test_admin_token_0123456789';
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, PORT: '0', KIZUNA_DB: dbFile, KIZUNA_ADMIN_TOKEN: adminToken, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await listeningPort(child);
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    origin,
    adminToken,
    dbFile,
    async admin(method, path, body) {
      const res = await fetch(origin + path, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

export interface HostSite {
  origin: string;
  /** Serves `html` at `path` (replacing what was there). */
  page(path: string, html: string): void;
  close(): Promise<void>;
}

/** A stand-in for a customer's SaaS app: another origin than the Kizuna server. */
export async function startHostSite(): Promise<HostSite> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  // Dual-stack, so "localhost" works whether Chromium resolves it to ::1 or 127.0.0.1.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost" vs the server's "127.0.0.1": a different site, not only a different port.
    origin: `http://localhost:${port}`,
    page: (path, html) => pages.set(path, html),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The snippet exactly as the README tells customers to paste it. */
export function snippet(kizunaOrigin: string, projectKey: string, userId: string, attributes: Record<string, unknown>): string {
  return `<script>window.kizuna=window.kizuna||function(){(kizuna.q=kizuna.q||[]).push(arguments)};
kizuna('identify',${JSON.stringify(userId)},${JSON.stringify(attributes)});</script>
<script async src="${kizunaOrigin}/widget.js" data-project="${projectKey}"></script>`;
}
