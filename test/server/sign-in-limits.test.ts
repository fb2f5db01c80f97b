import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import { fromAddress, makeTestServer, type TestServer } from './helpers.ts';

const ORIGIN = 'http://localhost';
const PASSWORD = 'correct horse battery';
const EMAIL = 'cs@example.com';

// Each sign-in hashes a password with scrypt: dozens of them take a while on a busy machine.
describe('sign-in limits (per account and per address, on failures only)', { timeout: 180_000 }, () => {
  let t: TestServer;
  beforeEach(async () => {
    // Only Date is faked: the waits are read from the clock, while timers and I/O run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
    t = makeTestServer();
    await createAccount(t.auth(false), { email: EMAIL, password: PASSWORD, role: 'cs' });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.close();
  });

  let addresses = 0;
  /** A sign-in from `address` (by default a new one each time, so only the account limit applies). */
  const signIn = (email: string, password: string, address = `198.51.100.${++addresses % 250}`, headers: Record<string, string> = {}) =>
    t.app.request(
      '/api/auth/sign-in/email',
      { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers }, body: JSON.stringify({ email, password }) },
      fromAddress(address),
    );
  const statuses = async (n: number, attempt: () => Response | Promise<Response>) => {
    const all: number[] = [];
    for (let i = 0; i < n; i++) all.push((await attempt()).status);
    return all;
  };
  const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

  it('blocks an account after 10 failures in 15 minutes: the 11th answers 429 with Retry-After, even with the right password', async () => {
    expect(await statuses(10, () => signIn(EMAIL, 'wrong password!'))).toEqual(Array(10).fill(401));

    const blocked = await signIn(EMAIL, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(blocked.headers.get('set-cookie')).toBeNull();
    expect(await blocked.json()).toEqual({ error: { code: 'too_many_attempts', message: expect.stringMatching(/Retry-After/) } });

    // The e-mail's case does not make another account.
    expect((await signIn('CS@Example.com', PASSWORD)).status).toBe(429);
    later(30_000);
    expect((await signIn(EMAIL, PASSWORD)).headers.get('retry-after')).toBe('30');

    later(30_000);
    const after = await signIn(EMAIL, PASSWORD);
    expect(after.status).toBe(200);
    expect(after.headers.get('set-cookie')).toMatch(/^better-auth\.session_token=/);
  });

  it('blocks for longer with each failure after a block, until a success clears the count', async () => {
    await statuses(10, () => signIn(EMAIL, 'wrong password!'));
    later(60_000);
    expect((await signIn(EMAIL, 'wrong again!!')).status).toBe(401);
    expect((await signIn(EMAIL, PASSWORD)).headers.get('retry-after')).toBe('120');
    later(120_000);
    expect((await signIn(EMAIL, PASSWORD)).status).toBe(200);
    // Cleared: nine more failures do not block.
    expect(await statuses(9, () => signIn(EMAIL, 'wrong password!'))).toEqual(Array(9).fill(401));
    expect((await signIn(EMAIL, PASSWORD)).status).toBe(200);
  });

  it('counts failures within 15 minutes only', async () => {
    await statuses(9, () => signIn(EMAIL, 'wrong password!'));
    later(15 * 60_000);
    expect(await statuses(9, () => signIn(EMAIL, 'wrong password!'))).toEqual(Array(9).fill(401));
    expect((await signIn(EMAIL, PASSWORD)).status).toBe(200);
  });

  it('blocks an unknown e-mail exactly as a known one', async () => {
    const unknown = 'nobody@example.com';
    expect(await statuses(10, () => signIn(unknown, 'wrong password!'))).toEqual(Array(10).fill(401));
    const known = await (async () => {
      await statuses(10, () => signIn(EMAIL, 'wrong password!'));
      return signIn(EMAIL, 'wrong password!');
    })();
    const res = await signIn(unknown, 'wrong password!');
    expect(res.status).toBe(known.status);
    expect(res.headers.get('retry-after')).toBe(known.headers.get('retry-after'));
    expect(await res.json()).toEqual(await known.json());
  });

  it('takes sign-ins as JSON only, so no other encoding of the e-mail slips past its limit', async () => {
    await statuses(10, () => signIn(EMAIL, 'wrong password!'));
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString()],
      ['text/plain', JSON.stringify({ email: EMAIL, password: PASSWORD })],
    ]) {
      const res = await t.app.request('/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': type!, origin: ORIGIN }, body }, fromAddress('192.0.2.77'));
      expect(res.status, type).toBe(415);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const form = new FormData();
    form.set('email', EMAIL);
    form.set('password', PASSWORD);
    const multipart = await t.app.request('/api/auth/sign-in/email', { method: 'POST', headers: { origin: ORIGIN }, body: form }, fromAddress('192.0.2.78'));
    expect(multipart.status).toBe(415);
  });

  it('never counts successes: 20 sign-ins in a row from one address all succeed', async () => {
    expect(await statuses(20, () => signIn(EMAIL, PASSWORD, '203.0.113.5'))).toEqual(Array(20).fill(200));
  });

  it('lets at most 10 of 20 parallel guesses at one account through to a password check', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => signIn(EMAIL, 'wrong password!')));
    const counts = all.reduce<Record<number, number>>((acc, res) => ({ ...acc, [res.status]: (acc[res.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 401: 10, 429: 10 });
  });

  it('blocks an address after 30 failures over any accounts, successes not counted (a spoofed address header changes nothing), not another address', async () => {
    const from = '203.0.113.7';
    const spoof = { 'x-kizuna-client-ip': '10.9.9.9' };
    // Three tries each at ten e-mails: no account reaches its own limit.
    const guess = () => signIn(`user${addresses++ % 10}@example.com`, 'wrong password!', from, spoof);
    expect(await statuses(29, guess)).toEqual(Array(29).fill(401));
    expect(await statuses(5, () => signIn(EMAIL, PASSWORD, from, spoof))).toEqual(Array(5).fill(200));
    expect((await guess()).status).toBe(401);

    const blocked = await signIn(EMAIL, PASSWORD, from, spoof);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('60');
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect((await signIn(EMAIL, PASSWORD, '203.0.113.8')).status).toBe(200);
    later(60_000);
    expect((await signIn(EMAIL, PASSWORD, from)).status).toBe(200);
  });
});

describe('sign-in and change-password answers', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = makeTestServer();
    await createAccount(t.auth(false), { email: EMAIL, password: PASSWORD, role: 'cs' });
  });
  afterEach(() => t.close());

  const post = (path: string, body: unknown, cookie?: string) =>
    t.app.request(`/api/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) }, fromAddress('192.0.2.10'));

  it('answers sign-in and change-password with the account but no token; the cookie carries the session', async () => {
    const signIn = await post('/sign-in/email', { email: EMAIL, password: PASSWORD });
    expect(signIn.status).toBe(200);
    const signedIn = (await signIn.json()) as Record<string, unknown>;
    expect(signedIn).not.toHaveProperty('token');
    expect(signedIn).toMatchObject({ user: { email: EMAIL } });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    expect(JSON.stringify(signedIn)).not.toContain(decodeURIComponent(cookie.split('=')[1]!).split('.')[0]!);

    const change = await post('/change-password', { currentPassword: PASSWORD, newPassword: 'a new long passphrase', revokeOtherSessions: true }, cookie);
    expect(change.status).toBe(200);
    const changed = (await change.json()) as Record<string, unknown>;
    expect(changed).not.toHaveProperty('token');
    expect(changed).toMatchObject({ user: { email: EMAIL } });
    expect(change.headers.get('set-cookie')).toMatch(/^better-auth\.session_token=/);
  });

  it('answers too many password changes (better-auth’s own limit per address) in our shape with Retry-After', async () => {
    const signIn = await post('/sign-in/email', { email: EMAIL, password: PASSWORD });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const tries = await Promise.all(Array.from({ length: 4 }, () => post('/change-password', { currentPassword: 'not my password', newPassword: 'a new long passphrase' }, cookie)));
    const limited = tries.filter((res) => res.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const res of limited) {
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('x-retry-after')).toBeNull();
      expect(await res.json()).toEqual({ error: { code: 'too_many_attempts', message: expect.stringMatching(/Retry-After/) } });
    }
  });
});
