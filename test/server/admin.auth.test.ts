import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import type { Role } from '../../shared/roles.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, consoleSessionCookie, eachTestServer, fromAddress, makeTestServer, postInit, seedProject, type TestServer } from './helpers.ts';

const ORIGIN = 'http://localhost';
const PASSWORD = 'correct horse battery';

describe('console accounts and sessions', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const addAccount = (role: Role, email = `${role}@example.com`) => createAccount(t.auth(false), { email, password: PASSWORD, role });

  // Failed sign-ins are limited per address too: each sign-in here comes from its own address.
  let addresses = 0;
  const signIn = (email: string, password = PASSWORD, headers: Record<string, string> = { origin: ORIGIN }, url = '/api/auth/sign-in/email') =>
    t.app.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) },
      fromAddress(`198.51.100.${++addresses % 250}`),
    );

  const sessionCookie = (email: string) => consoleSessionCookie(t, email, PASSWORD);

  /** An admin request carrying a session cookie, from the console's own origin unless told otherwise. */
  const asSession = (cookie: string, method: string, path: string, body?: unknown, origin: string | null = ORIGIN) =>
    t.app.request(`/api/v1/admin${path}`, {
      method,
      headers: { cookie, ...(origin ? { origin } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('signs in with the right password: an HttpOnly, SameSite=Lax session cookie (not Secure over http)', async () => {
    await addAccount('cs');
    const res = await signIn('cs@example.com');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^better-auth\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await asSession(cookie.split(';')[0]!, 'GET', '/me');
    expect(await me.json()).toMatchObject({ email: 'cs@example.com', name: 'cs', role: 'cs' });
  });

  it('marks the cookie Secure when served over https (the URL, or a trusted proxy saying so)', async () => {
    await addAccount('cs');
    const direct = await signIn('cs@example.com', PASSWORD, { origin: 'https://kizuna.example.com' }, 'https://kizuna.example.com/api/auth/sign-in/email');
    expect(direct.headers.get('set-cookie')).toMatch(/^__Secure-better-auth\.session_token=.*; Secure/i);

    const proxied = makeTestServer({ trustProxy: true });
    try {
      await createAccount(proxied.auth(false), {
        email: 'a@example.com',
        password: PASSWORD,
        role: 'cs',
      });
      const res = await proxied.app.request('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://kizuna.example.com', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'kizuna.example.com' },
        body: JSON.stringify({ email: 'a@example.com', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password without a cookie, and stores only a hash', async () => {
    await addAccount('cs');
    const res = await signIn('cs@example.com', 'wrong password!');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const db = new Database(t.dbFile, { readonly: true });
    const { password } = db.prepare('SELECT password FROM console_accounts').get() as { password: string };
    db.close();
    expect(password).not.toContain(PASSWORD);
    expect(password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/); // scrypt: salt:key
  });

  it('refuses sign-in from another site (login CSRF)', async () => {
    await addAccount('cs');
    expect((await signIn('cs@example.com', PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await signIn('cs@example.com', PASSWORD, {})).status).toBe(403);
    // Limits on failed sign-ins: sign-in-limits.test.ts.
  });

  it('needs our own origin for state-changing requests made with the cookie (CSRF), not for reads', async () => {
    await addAccount('cs');
    const cookie = await sessionCookie('cs@example.com');
    await t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: cid('r1'), surveyId: survey.id, userId: 'u1', score: 2 }));
    const { items } = await t.store.followups.list(project.id, { limit: 10 });
    expect(items).toHaveLength(1);
    const followupId = items[0]!.id;

    expect((await asSession(cookie, 'GET', `/projects/${project.id}/followups`, undefined, null)).status).toBe(200);
    for (const origin of [null, 'https://evil.example']) {
      const res = await asSession(cookie, 'PATCH', `/followups/${followupId}`, { note: 'called' }, origin);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    }
    expect(t.count('followup_history', "action = 'note'")).toBe(0);
    const sameSite = await t.app.request(`/api/v1/admin/followups/${followupId}`, {
      method: 'PATCH',
      headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'called' }),
    });
    expect(sameSite.status).toBe(200);
    expect((await asSession(cookie, 'PATCH', `/followups/${followupId}`, { status: 'resolved' })).status).toBe(200);
    const history = (await (await asSession(cookie, 'GET', `/followups/${followupId}`)).json()) as { history: Array<{ actor: string }> };
    expect(history.history.at(-1)!.actor).toBe('cs@example.com');
  });

  it('signs out and expires sessions', async () => {
    await addAccount('cs');
    const cookie = await sessionCookie('cs@example.com');
    const out = await t.app.request('/api/auth/sign-out', { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await asSession(cookie, 'GET', '/me')).status).toBe(401);

    const again = await sessionCookie('cs@example.com');
    const db = new Database(t.dbFile);
    db.prepare('UPDATE console_sessions SET expires_at = ?').run(Date.now() - 1000);
    db.close();
    expect((await asSession(again, 'GET', '/me')).status).toBe(401);
  });

  it('answers 401 without a cookie or token, and keeps the admin bearer token working (as owner)', async () => {
    expect((await t.app.request('/api/v1/admin/me')).status).toBe(401);
    const me = await t.app.request('/api/v1/admin/me', adminInit('GET'));
    expect(await me.json()).toEqual({ id: 'admin-token', email: null, name: 'Admin token', role: 'owner' });
    expect((await t.app.request('/api/v1/admin/projects', adminInit('POST', { name: 'Beta' }))).status).toBe(201);
  });

  it('gives each role its own areas: 403 elsewhere, and nothing stored', async () => {
    for (const role of ['admin', 'product', 'cs'] as const) await addAccount(role);
    const cookies = {
      admin: await sessionCookie('admin@example.com'),
      product: await sessionCookie('product@example.com'),
      cs: await sessionCookie('cs@example.com'),
    };
    const newSurvey = { name: 'Q2', touchpoints: [{ key: 'docs', label: 'Docs' }] };
    const tries = {
      project: (cookie: string) => asSession(cookie, 'POST', '/projects', { name: 'Beta' }),
      survey: (cookie: string) => asSession(cookie, 'POST', `/projects/${project.id}/surveys`, newSurvey),
      guide: (cookie: string) => asSession(cookie, 'POST', `/projects/${project.id}/guides`, { name: 'Tour', steps: [{ title: 'Hi', body: 'Welcome' }], trigger: {} }),
      user: (cookie: string) => asSession(cookie, 'POST', '/users', { email: 'new@example.com', password: PASSWORD, role: 'cs' }),
    };
    const statuses = async (cookie: string) =>
      Object.fromEntries(await Promise.all(Object.entries(tries).map(async ([name, run]) => [name, (await run(cookie)).status])));

    expect(await statuses(cookies.cs)).toEqual({ project: 403, survey: 403, guide: 403, user: 403 });
    expect(await statuses(cookies.product)).toEqual({ project: 403, survey: 201, guide: 201, user: 403 });
    expect(await statuses(cookies.admin)).toEqual({ project: 201, survey: 403, guide: 403, user: 403 });
    expect(t.count('console_users')).toBe(3);
    const forbidden = await tries.survey(cookies.cs);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'forbidden' } });
    // Everyone may read.
    for (const cookie of Object.values(cookies)) expect((await asSession(cookie, 'GET', `/surveys/${survey.id}/report`)).status).toBe(200);
  });

  it('lets an owner create accounts (400 naming the field, 409 for a taken e-mail) and list them', async () => {
    await addAccount('owner');
    const cookie = await sessionCookie('owner@example.com');
    const created = await asSession(cookie, 'POST', '/users', { email: ' Sato@Example.com ', password: PASSWORD, role: 'product', name: '佐藤' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: 'sato@example.com', name: '佐藤', role: 'product' });

    const short = await asSession(cookie, 'POST', '/users', { email: 'x@example.com', password: 'short', role: 'cs' });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ error: { issues: [{ path: 'password' }] } });
    const badRole = await asSession(cookie, 'POST', '/users', { email: 'x@example.com', password: PASSWORD, role: 'root' });
    expect((await badRole.json()).error.issues[0].path).toBe('role');
    const taken = await asSession(cookie, 'POST', '/users', { email: 'sato@example.com', password: PASSWORD, role: 'cs' });
    expect(taken.status).toBe(409);
    expect(t.count('console_users')).toBe(2);

    const list = (await (await asSession(cookie, 'GET', '/users')).json()) as { items: Array<{ email: string; role: string }> };
    expect(list.items.map((u) => [u.email, u.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['sato@example.com', 'product'],
    ]);
    expect((await signIn('sato@example.com')).status).toBe(200);
  });

  it('changes the password (the old one stops working, other sessions end), with errors naming the field', async () => {
    await addAccount('cs');
    const cookie = await sessionCookie('cs@example.com');
    const other = await sessionCookie('cs@example.com');
    const change = (body: unknown) =>
      t.app.request('/api/auth/change-password', { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const wrong = await change({ currentPassword: 'not my password', newPassword: 'a new long passphrase', revokeOtherSessions: true });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_password', issues: [{ path: 'currentPassword' }] } });
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short', revokeOtherSessions: true });
    expect(await short.json()).toMatchObject({ error: { code: 'password_too_short', issues: [{ path: 'newPassword' }] } });
    expect((await signIn('cs@example.com')).status).toBe(200);

    const done = await change({ currentPassword: PASSWORD, newPassword: 'a new long passphrase', revokeOtherSessions: true });
    expect(done.status).toBe(200);
    expect(done.headers.get('set-cookie')).toMatch(/^better-auth\.session_token=/);
    expect((await signIn('cs@example.com')).status).toBe(401);
    expect((await signIn('cs@example.com', 'a new long passphrase')).status).toBe(200);
    expect((await asSession(other, 'GET', '/me')).status).toBe(401);
  });

  it('has no open sign-up and exposes no other better-auth endpoint', async () => {
    const signUp = await t.app.request('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ email: 'me@example.com', password: PASSWORD, name: 'me' }),
    });
    expect(signUp.status).toBe(404);
    expect((await t.app.request('/api/auth/get-session')).status).toBe(404);
    expect(t.count('console_users')).toBe(0);
  });
});
