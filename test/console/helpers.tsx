import { serve } from '@hono/node-server';
import { cleanup, configure, render, screen } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { configureApi } from '../../console/api.ts';
import { App } from '../../console/app.tsx';
import { setLocale } from '../../console/i18n/index.ts';
import { navigate } from '../../console/router.ts';
import { projects } from '../../console/state/project.ts';
import { me } from '../../console/state/session.ts';
import type { Store } from '../../server/data/store.ts';
import type { Role } from '../../shared/roles.ts';
import { ADMIN_TOKEN, adminInit, makeTestServer, type TestServer } from '../server/helpers.ts';

// Pages wait on a real server (scrypt sign-ins, SQLite) that shares two cores with every other test
// file in the run: a found element may take seconds under that load, which is not a defect.
configure({ asyncUtilTimeout: 8_000 });

export const PASSWORD = 'correct horse battery';

export interface ConsoleServer {
  t: TestServer;
  /** `http://127.0.0.1:<port>`: the console's API base in these tests. */
  origin: string;
}

/** App options a suite's server runs with (e.g. `allowPrivateWebhooks` for a receiver on 127.0.0.1). */
export type ServerOptions = Parameters<typeof makeTestServer>[0];

/** A real Kizuna app over a temp SQLite file, listening on a free port, closed with `close`. */
async function listen(options?: ServerOptions): Promise<ConsoleServer & { close(): Promise<void> }> {
  const t = makeTestServer(options);
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    t,
    origin,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}

/**
 * For each test of the calling suite: a server over HTTP seeded by `seed`, the console pointed
 * at it as the admin token (an owner), in English, signed out of any earlier state; after the
 * test the page is unmounted and the server closed.
 */
export function eachConsoleServer<S extends object>(seed: (store: Store) => Promise<S>, use: (seeded: S & ConsoleServer) => void, options?: ServerOptions): void {
  let running: Awaited<ReturnType<typeof listen>> | undefined;
  beforeEach(async () => {
    running = await listen(options);
    localStorage.clear();
    setLocale('en');
    me.value = undefined;
    projects.value = undefined;
    configureApi({ baseUrl: running.origin, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    use({ ...(await seed(running.t.store)), t: running.t, origin: running.origin });
  });
  afterEach(async () => {
    unmountConsole();
    await running?.close();
  });
}

/**
 * Unmounts every rendered page now, effect cleanups included: Preact defers an unmounted hook's
 * cleanup to after paint (a 35 ms timer), which outlives the test file's window if not flushed.
 */
export function unmountConsole(): void {
  act(() => cleanup());
}

/** The console at `path` (relative to /admin), as after typing the address: waits until the page heading is there. */
export async function openConsole(path: string, heading?: string | RegExp): Promise<void> {
  navigate(path, { replace: true });
  render(<App />);
  if (heading) await screen.findByRole('heading', { level: 1, name: heading }, { timeout: 5000 });
}

/**
 * Makes a console account with `role` (through the owners' API) and signs it in over HTTP; the
 * console then sends that session cookie instead of the admin token, as a browser would.
 */
export async function signInAs({ t, origin }: ConsoleServer, role: Role, email = `${role}@example.com`): Promise<void> {
  const created = await t.app.request('/api/v1/admin/users', adminInit('POST', { email, password: PASSWORD, role }));
  if (created.status !== 201) throw new Error(`creating ${email}: ${created.status} ${await created.text()}`);
  const res = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`signing in ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  configureApi({ headers: { cookie, origin } });
}
