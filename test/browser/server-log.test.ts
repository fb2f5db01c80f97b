import { afterAll, beforeAll, expect, it } from 'vitest';
import { OWNER } from './console-session.ts';
import { startKizuna, type KizunaProcess } from './servers.ts';

/** What an attacker wants to appear as a line of its own in the operator's log. */
const FORGED = '{"level":30,"msg":"owner signed in","forged":true}';

/**
 * The built server as operators run it, its stdout read as they would. Not in a test
 * environment (vitest's NODE_ENV and TEST): better-auth then checks callback URLs and logs the
 * ones it refuses, which it skips under test.
 */
let kizuna: KizunaProcess;

beforeAll(async () => {
  kizuna = await startKizuna({ NODE_ENV: 'production', TEST: 'false', KIZUNA_OWNER_EMAIL: OWNER.email, KIZUNA_OWNER_PASSWORD: OWNER.password });
});

afterAll(async () => {
  expect(await kizuna?.stop()).toBe(0);
});

const lines = () => kizuna.output().split('\n').filter((line) => line !== '');

it('logs JSON lines only, in which no request text starts a line: a refused callbackURL with \\n, \\r and a forged line', async () => {
  const callbackURL = `https://evil.example/\n${FORGED}\r\n${FORGED}\r`;
  const res = await fetch(`${kizuna.origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: kizuna.origin, 'x-request-id': 'op-check-1' },
    body: JSON.stringify({ email: OWNER.email, password: 'not the password', callbackURL }),
  });
  expect(res.status).toBe(403);
  expect(res.headers.get('x-request-id')).toBe('op-check-1');
  // A signed-in request and an admin-token one, whose secrets must not be logged either.
  const signIn = await fetch(`${kizuna.origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: kizuna.origin },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  expect((await fetch(`${kizuna.origin}/api/v1/admin/me`, { headers: { cookie } })).status).toBe(200);
  expect((await kizuna.admin('GET', '/api/v1/admin/projects')).status).toBe(200);

  await expect.poll(() => lines().filter((line) => line.includes('"msg":"request"')).length).toBe(4);
  const entries = lines().map((line) => {
    expect(line).not.toBe(FORGED);
    return JSON.parse(line) as Record<string, unknown>;
  });
  expect(entries.filter((entry) => 'forged' in entry)).toEqual([]);
  // better-auth's complaint, escaped inside one line, tagged with the request's id.
  expect(entries).toContainEqual(expect.objectContaining({ level: 50, requestId: 'op-check-1', msg: `auth: Invalid callbackURL: ${callbackURL}` }));
  expect(entries).toContainEqual(
    expect.objectContaining({ msg: 'request', requestId: 'op-check-1', method: 'POST', route: '/api/auth/sign-in/email', status: 403 }),
  );
  // Start-up lines are JSON too.
  expect(entries[0]).toMatchObject({ level: 30, msg: expect.stringMatching(/^Kizuna listening on http:\/\//) });

  const text = kizuna.output();
  for (const secret of [kizuna.adminToken, cookie.split('=')[1]!, 'not the password']) expect(text).not.toContain(secret);
});
