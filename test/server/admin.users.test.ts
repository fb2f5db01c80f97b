import { describe, expect, it } from 'vitest';
import type { AccountList, RemovedAccount } from '../../shared/schemas/account.ts';
import type { FollowupDetail } from '../../shared/schemas/followup.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { ACCOUNT_PASSWORD, addConsoleAccount, adminInit, cid, consoleSessionCookie, eachTestServer, fromAddress, postInit, seedProject, type TestServer } from './helpers.ts';

const ORIGIN = 'http://localhost';

describe('admin API: changing, disabling and removing console accounts', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const admin = (method: string, path: string, body?: unknown) => t.app.request(`/api/v1/admin${path}`, adminInit(method, body));
  /** An admin request with a session cookie, from the console's own origin. */
  const asSession = (cookie: string, method: string, path: string, body?: unknown) =>
    t.app.request(`/api/v1/admin${path}`, {
      method,
      headers: { cookie, origin: ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let addresses = 0;
  const signIn = (email: string) =>
    t.app.request(
      '/api/auth/sign-in/email',
      { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: JSON.stringify({ email, password: ACCOUNT_PASSWORD }) },
      fromAddress(`203.0.113.${++addresses % 250}`),
    );
  const list = async () => (await (await admin('GET', '/users')).json()) as AccountList;
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; issues?: Array<{ path: string }> } }).error;

  it('lists accounts with their disabled flag, and removed ones apart', async () => {
    const owner = await addConsoleAccount(t, 'owner@example.com', 'owner', 'Owner');
    const body = await list();
    expect(body).toEqual({ items: [{ ...owner, disabled: false }], removed: [] });
  });

  it('changes a role: the account acts with it at its next request', async () => {
    await addConsoleAccount(t, 'owner@example.com', 'owner');
    const cs = await addConsoleAccount(t, 'cs@example.com', 'cs');
    const cookie = await consoleSessionCookie(t, 'cs@example.com', ACCOUNT_PASSWORD);
    expect((await asSession(cookie, 'POST', '/projects', { name: 'New' })).status).toBe(403);

    const res = await admin('PATCH', `/users/${cs.id}`, { role: 'admin' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...cs, role: 'admin', disabled: false });
    expect(await (await asSession(cookie, 'GET', '/me')).json()).toMatchObject({ role: 'admin' });
    expect((await asSession(cookie, 'POST', '/projects', { name: 'New', allowedOrigins: [] })).status).toBe(201);
  });

  it('disabling signs the account out everywhere at once and keeps it from signing in, until enabled again', async () => {
    await addConsoleAccount(t, 'owner@example.com', 'owner');
    const cs = await addConsoleAccount(t, 'cs@example.com', 'cs');
    const laptop = await consoleSessionCookie(t, 'cs@example.com', ACCOUNT_PASSWORD);
    const phone = await consoleSessionCookie(t, 'cs@example.com', ACCOUNT_PASSWORD);
    const ownerCookie = await consoleSessionCookie(t, 'owner@example.com', ACCOUNT_PASSWORD);

    const res = await asSession(ownerCookie, 'PATCH', `/users/${cs.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: cs.id, disabled: true });
    for (const cookie of [laptop, phone]) expect((await asSession(cookie, 'GET', '/me')).status).toBe(401);
    expect((await asSession(ownerCookie, 'GET', '/me')).status).toBe(200);
    expect((await list()).items.find((a) => a.id === cs.id)?.disabled).toBe(true);

    const refused = await signIn('cs@example.com');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await errorOf(refused)).toMatchObject({ code: 'account_disabled' });

    expect((await admin('PATCH', `/users/${cs.id}`, { disabled: false })).status).toBe(200);
    const again = await signIn('cs@example.com');
    expect(again.status).toBe(200);
    const cookie = again.headers.get('set-cookie')!.split(';')[0]!;
    expect((await asSession(cookie, 'GET', '/me')).status).toBe(200);

    // A session left by a sign-in that raced with the disabling counts for nothing either.
    t.run('UPDATE console_users SET disabled = 1 WHERE id = ?', cs.id);
    expect((await asSession(cookie, 'GET', '/me')).status).toBe(401);
  });

  it('removing deletes the account and its sessions, and keeps who it was, when and by whom', async () => {
    await addConsoleAccount(t, 'owner@example.com', 'owner');
    const taro = await addConsoleAccount(t, 'taro@example.com', 'cs', 'Taro Yamada');
    const cookie = await consoleSessionCookie(t, 'taro@example.com', ACCOUNT_PASSWORD);
    const ownerCookie = await consoleSessionCookie(t, 'owner@example.com', ACCOUNT_PASSWORD);

    const res = await asSession(ownerCookie, 'DELETE', `/users/${taro.id}`);
    expect(res.status).toBe(200);
    const removed = (await res.json()) as RemovedAccount;
    expect(removed).toEqual({ id: taro.id, email: 'taro@example.com', name: 'Taro Yamada', removedAt: expect.any(String), removedBy: 'owner@example.com' });
    expect((await asSession(cookie, 'GET', '/me')).status).toBe(401);
    expect((await signIn('taro@example.com')).status).toBe(401);
    expect(await list()).toMatchObject({ items: [{ email: 'owner@example.com' }], removed: [removed] });
    expect(t.count('console_sessions', `user_id = '${taro.id}'`)).toBe(0);
    expect(t.count('console_accounts', `user_id = '${taro.id}'`)).toBe(0);

    const again = await admin('DELETE', `/users/${taro.id}`);
    expect(again.status).toBe(404);
    expect(await errorOf(again)).toMatchObject({ code: 'user_not_found' });
  });

  it('refuses (409 last_owner) to demote, disable or remove the last enabled owner, and allows it once another owner exists', async () => {
    const first = await addConsoleAccount(t, 'first@example.com', 'owner');
    const formerOwner = await addConsoleAccount(t, 'former@example.com', 'owner');
    expect((await admin('PATCH', `/users/${formerOwner.id}`, { disabled: true })).status).toBe(200);

    const demote = await admin('PATCH', `/users/${first.id}`, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(await errorOf(demote)).toMatchObject({ code: 'last_owner', issues: [{ path: 'role' }] });
    const disable = await admin('PATCH', `/users/${first.id}`, { disabled: true });
    expect(disable.status).toBe(409);
    expect(await errorOf(disable)).toMatchObject({ code: 'last_owner', issues: [{ path: 'disabled' }] });
    const remove = await admin('DELETE', `/users/${first.id}`);
    expect(remove.status).toBe(409);
    expect(await errorOf(remove)).toMatchObject({ code: 'last_owner' });
    expect((await list()).items.find((a) => a.id === first.id)).toMatchObject({ role: 'owner', disabled: false });

    // An owner signed in may hand over to another owner, then step down.
    const firstCookie = await consoleSessionCookie(t, 'first@example.com', ACCOUNT_PASSWORD);
    expect((await asSession(firstCookie, 'PATCH', `/users/${formerOwner.id}`, { disabled: false })).status).toBe(200);
    expect((await asSession(firstCookie, 'PATCH', `/users/${first.id}`, { role: 'cs' })).status).toBe(200);
    expect((await admin('PATCH', `/users/${formerOwner.id}`, { role: 'cs' })).status).toBe(409);
  });

  it('is for owners only', async () => {
    await addConsoleAccount(t, 'owner@example.com', 'owner');
    const cs = await addConsoleAccount(t, 'cs@example.com', 'cs');
    const adminCookie = (await addConsoleAccount(t, 'admin@example.com', 'admin')) && (await consoleSessionCookie(t, 'admin@example.com', ACCOUNT_PASSWORD));
    for (const [method, body] of [['PATCH', { disabled: true }], ['DELETE', undefined]] as const) {
      const res = await asSession(adminCookie, method, `/users/${cs.id}`, body);
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
    }
    expect((await list()).items.find((a) => a.id === cs.id)).toMatchObject({ disabled: false });
  });

  it.each([
    [{}, '', 'invalid_body'],
    [{ role: 'boss' }, 'role', 'invalid_body'],
    [{ disabled: 'yes' }, 'disabled', 'invalid_body'],
  ])('answers 400 naming the field for %j', async (body, path, code) => {
    const cs = await addConsoleAccount(t, 'cs@example.com', 'cs');
    const res = await admin('PATCH', `/users/${cs.id}`, body);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code, issues: [{ path }] });
  });

  it('answers 404 user_not_found for an unknown account', async () => {
    const res = await admin('PATCH', '/users/nobody', { role: 'cs' });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'user_not_found' });
  });

  describe('follow-up assignees', () => {
    async function followupId() {
      const res = await t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: cid('low'), surveyId: survey.id, userId: 'customer', score: 2 }));
      expect(res.status).toBe(201);
      const page = (await (await admin('GET', `/projects/${project.id}/followups`)).json()) as { items: Array<{ id: string }> };
      return page.items[0]!.id;
    }
    const assign = (id: string, assignee: string | null) => admin('PATCH', `/followups/${id}`, { assignee });

    it('must be an existing, enabled account (400 naming assignee otherwise); null unassigns', async () => {
      const id = await followupId();
      const hana = await addConsoleAccount(t, 'hana@example.com', 'cs', 'Hana');
      const taro = await addConsoleAccount(t, 'taro@example.com', 'cs', 'Taro Yamada');
      await admin('PATCH', `/users/${hana.id}`, { disabled: true });
      await admin('DELETE', `/users/${taro.id}`);

      for (const assignee of ['Sato', 'nobody@example.com', 'hana@example.com', 'taro@example.com']) {
        const res = await assign(id, assignee);
        expect(res.status, assignee).toBe(400);
        expect(await errorOf(res)).toMatchObject({ code: 'invalid_body', issues: [{ path: 'assignee' }] });
      }
      const aiko = await addConsoleAccount(t, 'aiko@example.com', 'cs', 'Aiko');
      expect(await (await assign(id, aiko.email)).json()).toMatchObject({ assignee: 'aiko@example.com' });
      expect(await (await assign(id, null)).json()).toMatchObject({ assignee: null });
    });

    it('keeps a removed account’s history readable by name', async () => {
      const id = await followupId();
      await addConsoleAccount(t, 'owner@example.com', 'owner');
      const taro = await addConsoleAccount(t, 'taro@example.com', 'cs', 'Taro Yamada');
      const cookie = await consoleSessionCookie(t, 'taro@example.com', ACCOUNT_PASSWORD);
      expect((await asSession(cookie, 'PATCH', `/followups/${id}`, { assignee: 'taro@example.com', note: 'Calling them.' })).status).toBe(200);
      await admin('DELETE', `/users/${taro.id}`);

      const followup = (await (await admin('GET', `/followups/${id}`)).json()) as FollowupDetail;
      expect(followup.assignee).toBe('taro@example.com');
      expect(followup.history.filter((h) => h.actor === 'taro@example.com').map((h) => h.action)).toEqual(['assignee', 'note']);
      const { removed } = await list();
      expect(removed.find((r) => r.email === followup.assignee)?.name).toBe('Taro Yamada');
    });
  });
});
