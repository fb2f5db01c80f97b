import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../server/data/store.ts';
import { startDispatcher } from '../../server/delivery/dispatcher.ts';
import { digestJob } from '../../server/mail/digest-job.ts';
import { createMailer, type Mailer } from '../../server/mail/mailer.ts';
import { createLogger } from '../../server/log.ts';
import { startServer } from '../../server/start.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import {
  ACCOUNT_PASSWORD,
  addConsoleAccount,
  adminInit,
  cid,
  consoleSessionCookie,
  DAY_MS,
  makeTempDir,
  makeTestServer,
  postInit,
  seedProject,
  type TestServer,
} from './helpers.ts';
import { SMTP_PASSWORD, startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';

const FROM = 'kizuna@example.com';
const PUBLIC_URL = 'https://kizuna.example.com';

/** A console session's request, from the console's own origin. */
const sessionInit = (cookie: string, method: string, body?: unknown): RequestInit => ({
  method,
  headers: { cookie, origin: 'http://localhost', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe('e-mail through a real SMTP server', () => {
  let smtp: SmtpReceiver;
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  let mailer: Mailer;
  /** The test's clock: real time, or later when a test moves it on. */
  let clock: number;
  const now = () => new Date(Math.max(clock, Date.now()));

  beforeEach(async () => {
    smtp = await startSmtpReceiver();
    t = makeTestServer({ mail: { smtpUrl: smtp.url, from: FROM }, publicUrl: PUBLIC_URL });
    ({ project, survey } = await seedProject(t.store));
    mailer = createMailer({ store: t.store, config: { smtpUrl: smtp.url, from: FROM }, now });
    clock = 0;
  });
  afterEach(async () => {
    mailer.close();
    await t.close();
    await smtp.close();
  });

  /** Sends what is due now (the dispatcher's clock is the test's), as the server's dispatcher would. */
  const dispatch = async () => {
    const dispatcher = startDispatcher({ store: t.store, allowPrivate: true, sendMail: mailer.sendMail, pollMs: 3_600_000, now, log: () => {} });
    try {
      return await dispatcher.runOnce();
    } finally {
      await dispatcher.stop();
    }
  };
  const mailDeliveries = () => {
    const db = new Database(t.dbFile, { readonly: true });
    try {
      return db
        .prepare(
          `SELECT d.status, d.target, d.attempt_count AS attempts, d.next_attempt_at AS next, a.status_code AS code, a.error, a.response
           FROM deliveries d LEFT JOIN delivery_attempts a ON a.id = (SELECT max(id) FROM delivery_attempts WHERE delivery_id = d.id)
           WHERE d.channel = 'email' ORDER BY d.created_at, d.id`,
        )
        .all() as Array<{ status: string; target: string; attempts: number; next: number | null; code: number | null; error: string | null; response: string | null }>;
    } finally {
      db.close();
    }
  };
  /** A console account with the given choices and language, and its session. */
  const account = async (email: string, choices: Partial<Record<'assigned' | 'newDetractor' | 'dailyDigest', boolean>>, language?: 'ja' | 'en', role: 'cs' | 'owner' = 'cs') => {
    const created = await addConsoleAccount(t, email, role);
    const cookie = await consoleSessionCookie(t, email, ACCOUNT_PASSWORD);
    const put = await t.app.request('/api/v1/admin/me/mail-preferences', sessionInit(cookie, 'PUT', { assigned: false, newDetractor: false, dailyDigest: false, ...choices }));
    expect(put.status).toBe(200);
    if (language) expect((await t.app.request('/api/v1/admin/me', sessionInit(cookie, 'PATCH', { language }))).status).toBe(200);
    return { ...created, cookie };
  };
  const answer = (id: string, body: Record<string, unknown>) =>
    t.app.request(`http://kizuna.example.com/api/v1/client/${project.key}/responses`, postInit({ id: cid(id), surveyId: survey.id, userId: 'user-1', score: 9, ...body }));
  const followupOf = async (id: string) => (await t.store.followups.list(project.id, { limit: 100 })).items.find((f) => f.responseId === cid(id))!;

  it('mails the new assignee in their own language, not someone who assigns themselves or did not ask', async () => {
    const aiko = await account('aiko@example.com', { assigned: true }, 'ja');
    await account('bob@example.com', { assigned: true }, 'en');
    const lead = await account('lead@example.com', { assigned: true }, 'en', 'owner');
    await account('quiet@example.com', { assigned: false });
    for (const id of ['a1', 'a2', 'a3', 'a4']) await answer(id, { score: 3 });
    const assign = async (id: string, assignee: string, cookie = lead.cookie) =>
      expect((await t.app.request(`/api/v1/admin/followups/${(await followupOf(id)).id}`, sessionInit(cookie, 'PATCH', { assignee }))).status).toBe(200);

    await assign('a1', 'aiko@example.com');
    await assign('a2', 'bob@example.com');
    await assign('a3', 'quiet@example.com');
    await assign('a4', 'aiko@example.com', aiko.cookie);
    expect(await dispatch()).toBe(2);

    expect(smtp.mails.map((m) => m.to)).toEqual([['aiko@example.com'], ['bob@example.com']]);
    const [ja, en] = smtp.mails;
    const a1 = await followupOf('a1');
    expect(ja).toMatchObject({ from: FROM, subject: 'フォローアップの担当になりました: user-1（スコア 3）' });
    expect(ja!.text).toContain('lead@example.com さんが user-1（スコア 3）のフォローアップをあなたに割り当てました。');
    expect(ja!.text).toContain(`フォローアップを開く: ${PUBLIC_URL}/admin/inbox/${a1.id}`);
    expect(ja!.html).toContain(`<a href="${PUBLIC_URL}/admin/inbox/${a1.id}"`);
    expect(en).toMatchObject({ subject: 'Follow-up assigned to you: user-1 (score 3)' });
    expect(en!.text).toContain('lead@example.com assigned you the follow-up for user-1 (score 3).');
    expect(mailDeliveries()).toMatchObject([
      { status: 'delivered', code: 250 },
      { status: 'delivered', code: 250 },
    ]);
  });

  it('mails a new detractor to the enabled accounts that asked, with the whole case, and escapes it in HTML', async () => {
    const on = await account('on@example.com', { newDetractor: true }, 'en');
    await account('off@example.com', { newDetractor: false }, 'en');
    const gone = await account('disabled@example.com', { newDetractor: true });
    await t.store.consoleAccounts.update(gone.id, { disabled: true }, new Date());

    await answer('p1', { score: 8 });
    await answer('d1', { score: 2, attributes: { plan: 'enterprise', ltv: 1250000 }, factors: { support: -3, onboarding: -1, billing: 2 }, comment: 'Support <b>never</b> answered\n& billing is fine' });
    await answer('d1', { score: 2 });
    expect(mailDeliveries().map((d) => d.target)).toEqual([on.id]);
    expect(await dispatch()).toBe(1);

    const [mail] = smtp.mails;
    const followup = await followupOf('d1');
    expect(mail).toMatchObject({ to: ['on@example.com'], subject: 'New detractor: user-1 gave 2 in “NPS”' });
    expect(mail!.text).toContain('Score: 2 (Detractor)\nUser: user-1\nPlan: enterprise\nLTV: 1,250,000\nSurvey: NPS');
    expect(mail!.text).toContain('Comment:\n> Support <b>never</b> answered\n> & billing is fine');
    expect(mail!.text).toContain('Touchpoints that pulled the score down:\n- Support: Very negative (−3)\n- In-app guide: Slightly negative (−1)');
    expect(mail!.text).not.toContain('Billing');
    expect(mail!.text).toContain(`Open the follow-up: ${PUBLIC_URL}/admin/inbox/${followup.id}`);
    expect(mail!.html).toContain('Support &lt;b&gt;never&lt;/b&gt; answered<br>&amp; billing is fine');
    expect(mail!.html).not.toContain('<b>never</b>');
  });

  it('writes the project’s language for an account that never picked one', async () => {
    await t.store.projects.update(project.id, { language: 'en' });
    await account('nolang@example.com', { newDetractor: true });
    await answer('d1', { score: 0 });
    await dispatch();
    expect(smtp.mails[0]!.subject).toBe('New detractor: user-1 gave 0 in “NPS”');
  });

  it('retries a mail the SMTP server answers with 4xx, fails one refused with 5xx, and never records the password', async () => {
    await account('aiko@example.com', { newDetractor: true }, 'en');
    smtp.refuse(451, 'Try again later');
    await answer('d1', { score: 1 });
    expect(await dispatch()).toBe(1);
    expect(smtp.mails).toEqual([]);
    const [retrying] = mailDeliveries();
    expect(retrying).toMatchObject({ status: 'pending', attempts: 1, code: 451 });
    expect(retrying!.next).toBeGreaterThan(Date.now());

    clock = retrying!.next! + 1;
    expect(await dispatch()).toBe(1);
    expect(mailDeliveries()).toMatchObject([{ status: 'delivered', attempts: 2, code: 250 }]);
    expect(smtp.mails).toHaveLength(1);

    smtp.refuse(550, 'No such user here');
    await answer('d2', { score: 1 });
    await dispatch();
    expect(mailDeliveries()[1]).toMatchObject({ status: 'failed', attempts: 1, code: 550 });
    expect(JSON.stringify(mailDeliveries())).not.toContain(SMTP_PASSWORD);
  });

  it('does not mail an account disabled or removed after the mail was queued', async () => {
    const owner = await account('owner@example.com', {}, 'en', 'owner');
    const disabled = await account('disabled@example.com', { newDetractor: true });
    const removed = await account('removed@example.com', { newDetractor: true });
    await answer('d1', { score: 1 });
    await t.store.consoleAccounts.update(disabled.id, { disabled: true }, new Date());
    await t.store.consoleAccounts.remove(removed.id, owner.email, new Date());
    await dispatch();
    expect(smtp.mails).toEqual([]);
    expect(mailDeliveries().map(({ status, error }) => `${status}: ${error}`).sort()).toEqual(['failed: account disabled', 'failed: account removed']);
  });

  describe('the daily digest', () => {
    /** 2026-12-07 at `hh:mm` in Tokyo (UTC+9, no daylight saving). */
    const tokyo = (hhmm: string, day = 7) => new Date(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+09:00`);

    it('goes out once a day after 9:00 in the project’s time zone, to those who asked, with counts and links', async () => {
      await account('aiko@example.com', { dailyDigest: true }, 'ja');
      await account('bob@example.com', { dailyDigest: true }, 'en');
      await account('off@example.com', { dailyDigest: false });
      for (const id of ['d1', 'd2', 'd3']) await answer(id, { score: 2 });
      const d1 = await followupOf('d1');
      const pastDue = new Date(Date.now() - 2 * DAY_MS).toISOString();
      await t.store.followups.update(d1.id, { assignee: 'aiko@example.com', dueAt: pastDue }, 'lead', new Date());
      await t.store.followups.update((await followupOf('d2')).id, { status: 'resolved' }, 'lead', new Date());

      let woken = 0;
      const job = digestJob(t.store, { publicUrl: PUBLIC_URL, wake: () => woken++ });
      expect(await job.run(tokyo('08:59'))).toBe(0);
      expect(await job.run(tokyo('09:00'))).toBe(1);
      expect(await job.run(tokyo('09:05'))).toBe(0);
      expect(await job.run(tokyo('23:59'))).toBe(0);
      expect(woken).toBe(1);
      clock = tokyo('09:00').getTime();
      expect(await dispatch()).toBe(2);

      const ja = smtp.mails.find((m) => m.to[0] === 'aiko@example.com')!;
      const en = smtp.mails.find((m) => m.to[0] === 'bob@example.com')!;
      expect(smtp.mails).toHaveLength(2);
      expect(ja.subject).toBe('Acme: 未完了のフォローアップ 2 件、うち期限切れ 1 件');
      expect(ja.text).toContain('2026-12-07 時点の Acme のフォローアップです。');
      expect(ja.text).toContain('担当者別:\n- aiko@example.com（あなた）: 未完了 1 件、期限切れ 1 件\n- 未割り当て: 未完了 1 件、期限切れ 0 件');
      expect(ja.text).toContain(`${PUBLIC_URL}/admin/inbox/${d1.id}`);
      expect(en.subject).toBe('Acme: 2 open follow-ups, 1 overdue');
      expect(en.text).toContain('By assignee:\n- aiko@example.com: 1 open, 1 overdue\n- Unassigned: 1 open, 0 overdue');
      expect(en.text).toContain(`Open the inbox: ${PUBLIC_URL}/admin/inbox`);

      // The next morning, a new digest; before 9:00 there, none.
      expect(await job.run(tokyo('08:30', 8))).toBe(0);
      expect(await job.run(tokyo('09:01', 8))).toBe(1);
    });

    it('follows each project’s own time zone, and skips a project with nothing open', async () => {
      await account('aiko@example.com', { dailyDigest: true }, 'en');
      await answer('d1', { score: 2 });
      await t.store.projects.update(project.id, { timeZone: 'Europe/Berlin' });
      await t.store.projects.create({ name: 'Quiet', allowedOrigins: [] });
      const job = digestJob(t.store, { publicUrl: PUBLIC_URL, wake: () => {} });
      // 09:30 in Tokyo is 01:30 in Berlin.
      expect(await job.run(tokyo('09:30'))).toBe(0);
      clock = new Date('2026-12-07T09:00:00+01:00').getTime();
      expect(await job.run(now())).toBe(1);
      await dispatch();
      expect(smtp.mails.map((m) => m.subject)).toEqual(['Acme: 1 open follow-ups, 0 overdue']);
    });
  });
});

describe('a server started with SMTP settings', () => {
  it('mails a new detractor through its own dispatcher, at once', async () => {
    const smtp = await startSmtpReceiver();
    const dir = makeTempDir();
    const owner = { email: 'owner@example.com', password: ACCOUNT_PASSWORD };
    const server = await startServer({
      port: 0,
      dbFile: join(dir, 'kizuna.sqlite'),
      widgetDir: join(dir, 'widget'),
      consoleDir: join(dir, 'console'),
      rateLimitPerMinute: 600,
      trustProxy: false,
      logger: createLogger({ level: 'silent' }),
      owner,
      publicUrl: PUBLIC_URL,
      mail: { smtpUrl: smtp.url, from: FROM },
    });
    try {
      const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(owner) });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const headers = { cookie, origin: server.url, 'content-type': 'application/json' };
      await fetch(`${server.url}/api/v1/admin/me/mail-preferences`, { method: 'PUT', headers, body: JSON.stringify({ assigned: false, newDetractor: true, dailyDigest: false }) });
      const [project] = ((await (await fetch(`${server.url}/api/v1/admin/projects`, { headers })).json()) as { items: Project[] }).items;
      const [survey] = ((await (await fetch(`${server.url}/api/v1/admin/projects/${project!.id}/surveys`, { headers })).json()) as { items: Survey[] }).items;
      const answered = await fetch(`${server.url}/api/v1/client/${project!.key}/responses`, postInit({ id: cid('e2e'), surveyId: survey!.id, userId: 'u-9', score: 4 }));
      expect(answered.status).toBe(201);
      await vi.waitFor(() => expect(smtp.mails).toHaveLength(1), { timeout: 5_000 });
      expect(smtp.mails[0]).toMatchObject({ from: FROM, to: ['owner@example.com'], subject: expect.stringContaining('u-9') });
    } finally {
      await server.close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('e-mail not configured', () => {
  let t: TestServer;
  let store: Store;
  beforeEach(async () => {
    t = makeTestServer();
    store = t.store;
  });
  afterEach(() => t.close());

  it('queues no mail whatever accounts chose, and says so', async () => {
    const { project, survey } = await seedProject(store);
    await addConsoleAccount(t, 'aiko@example.com', 'owner');
    const cookie = await consoleSessionCookie(t, 'aiko@example.com', ACCOUNT_PASSWORD);
    const put = await t.app.request('/api/v1/admin/me/mail-preferences', sessionInit(cookie, 'PUT', { assigned: true, newDetractor: true, dailyDigest: true }));
    expect(await put.json()).toEqual({ configured: false, assigned: true, newDetractor: true, dailyDigest: true });
    await t.app.request(`http://kizuna.example.com/api/v1/client/${project.key}/responses`, postInit({ id: cid('d1'), surveyId: survey.id, userId: 'u', score: 1 }));
    const { items } = await store.followups.list(project.id, { limit: 1 });
    await t.app.request(`/api/v1/admin/followups/${items[0]!.id}`, adminInit('PATCH', { assignee: 'aiko@example.com' }));
    expect(t.count('outbox_events')).toBe(3);
    expect(t.count('deliveries', "channel = 'email'")).toBe(0);
  });
});

describe('the mail preferences API', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer({ mail: { smtpUrl: 'smtp://127.0.0.1:9', from: FROM } });
  });
  afterEach(() => t.close());

  it('lets any signed-in account read and choose its own, all off at first', async () => {
    await addConsoleAccount(t, 'cs@example.com', 'cs');
    const cookie = await consoleSessionCookie(t, 'cs@example.com', ACCOUNT_PASSWORD);
    const get = () => t.app.request('/api/v1/admin/me/mail-preferences', { headers: { cookie } });
    expect(await (await get()).json()).toEqual({ configured: true, assigned: false, newDetractor: false, dailyDigest: false });
    const put = await t.app.request('/api/v1/admin/me/mail-preferences', sessionInit(cookie, 'PUT', { assigned: true, newDetractor: false, dailyDigest: true }));
    expect(put.status).toBe(200);
    expect(await (await get()).json()).toEqual({ configured: true, assigned: true, newDetractor: false, dailyDigest: true });
  });

  it('names the field at fault, refuses another origin, and tells the admin token it has no account', async () => {
    await addConsoleAccount(t, 'cs@example.com', 'cs');
    const cookie = await consoleSessionCookie(t, 'cs@example.com', ACCOUNT_PASSWORD);
    const bad = await t.app.request('/api/v1/admin/me/mail-preferences', sessionInit(cookie, 'PUT', { assigned: 'yes', newDetractor: false }));
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { issues: Array<{ path: string }> } };
    expect(error.issues.map((i) => i.path).sort()).toEqual(['assigned', 'dailyDigest']);
    const badLanguage = await t.app.request('/api/v1/admin/me', sessionInit(cookie, 'PATCH', { language: 'fr' }));
    expect(badLanguage.status).toBe(400);
    expect(JSON.stringify(await badLanguage.json())).toContain('"path":"language"');

    const elsewhere = await t.app.request('/api/v1/admin/me/mail-preferences', {
      method: 'PUT',
      headers: { cookie, origin: 'https://evil.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ assigned: true, newDetractor: true, dailyDigest: true }),
    });
    expect(elsewhere.status).toBe(403);

    for (const [method, path, body] of [
      ['GET', '/api/v1/admin/me/mail-preferences', undefined],
      ['PUT', '/api/v1/admin/me/mail-preferences', { assigned: true, newDetractor: true, dailyDigest: true }],
      ['PATCH', '/api/v1/admin/me', { language: 'en' }],
    ] as const) {
      const res = await t.app.request(path, adminInit(method, body));
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: 'no_account' } });
    }
  });

  it('records the language the account picked', async () => {
    const cs = await addConsoleAccount(t, 'cs@example.com', 'cs');
    const cookie = await consoleSessionCookie(t, 'cs@example.com', ACCOUNT_PASSWORD);
    const res = await t.app.request('/api/v1/admin/me', sessionInit(cookie, 'PATCH', { language: 'en' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: cs.id, email: 'cs@example.com' });
    expect(await t.store.mailPreferences.recipient(cs.id)).toMatchObject({ language: 'en' });
  });
});
