import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import { AUTHORING_LINK_TTL_MS, AUTHORING_SESSION_TTL_MS } from '../../shared/limits.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { adminInit, consoleSessionCookie, eachTestServer, GUIDE_STEPS, postInit, seedGuide, type TestServer } from './helpers.ts';

const APP = 'https://app.acme.test';
const EVIL = 'https://evil.example';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOKEN_IN_FRAGMENT = /[#&]kizuna-authoring=([A-Za-z0-9_-]{32})$/;

type ErrorJson = { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

describe('authoring ("Edit in app")', () => {
  let t: TestServer;
  let project: Project;
  let guide: Guide;
  let other: Guide;
  eachTestServer(
    async (store) => {
      const created = await store.projects.create({ name: 'Acme', allowedOrigins: [APP] });
      return { project: created, guide: await seedGuide(store, created.id), other: await seedGuide(store, created.id, { name: 'Other tour' }) };
    },
    (s) => ({ t, project, guide, other } = s),
  );

  const makeLink = (body: unknown, guideId = guide.id) => t.app.request(`/api/v1/admin/guides/${guideId}/authoring-sessions`, adminInit('POST', body));

  /** A fresh link's token, as the widget reads it from the fragment. */
  async function linkToken(url = `${APP}/invoices`, guideId = guide.id): Promise<string> {
    const res = await makeLink({ url }, guideId);
    expect(res.status).toBe(201);
    return TOKEN_IN_FRAGMENT.exec(((await res.json()) as { url: string }).url)![1]!;
  }

  const exchange = (body: unknown, options: { origin?: string; contentType?: string; headers?: Record<string, string> } = {}) =>
    t.app.request('/api/v1/authoring/sessions', postInit(body, { origin: APP, contentType: 'application/json', ...options }));

  /** A session for the guide (or another), traded from the page's origin. */
  async function openSession(guideId = guide.id): Promise<string> {
    const res = await exchange({ token: await linkToken(undefined, guideId) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { session: string }).session;
  }

  /** A request to the session's guide, from the page's origin unless told otherwise. */
  const authoring = (method: 'GET' | 'PUT', session: string | null, options: { body?: unknown; origin?: string | null; contentType?: string; path?: string } = {}) => {
    const { body, origin = APP, contentType = 'application/json', path = '/api/v1/authoring/guide' } = options;
    const headers: Record<string, string> = {};
    if (session !== null) headers.authorization = `Bearer ${session}`;
    if (origin !== null) headers.origin = origin;
    if (body !== undefined) headers['content-type'] = contentType;
    return t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };

  /** The guide as the console reads it. */
  const stored = async (id = guide.id) => (await (await t.app.request(`/api/v1/admin/guides/${id}`, adminInit('GET'))).json()) as Guide;

  const NEW_STEPS = [{ target: { selector: '#pay', text: 'Pay' }, title: { ja: '支払い', en: 'Pay' }, body: 'Pay here.', placement: 'top', advance: 'click', spotlight: true }];

  describe('links (admin API)', () => {
    it('gives the page with a one-time token in its fragment, for 10 minutes, and stores only the token’s hash', async () => {
      const before = Date.now();
      const res = await makeLink({ url: `${APP}/invoices?tab=open` });
      expect(res.status).toBe(201);
      const link = (await res.json()) as { url: string; expiresAt: string };
      expect(Object.keys(link).sort()).toEqual(['expiresAt', 'url']);
      expect(link.url).toMatch(new RegExp(`^${APP}/invoices\\?tab=open#kizuna-authoring=[A-Za-z0-9_-]{32}$`));
      expect(Date.parse(link.expiresAt)).toBeGreaterThanOrEqual(before + AUTHORING_LINK_TTL_MS);
      expect(Date.parse(link.expiresAt)).toBeLessThanOrEqual(Date.now() + AUTHORING_LINK_TTL_MS);

      const token = TOKEN_IN_FRAGMENT.exec(link.url)![1]!;
      expect(t.count('authoring_sessions')).toBe(1);
      expect(
        t.count(
          'authoring_sessions',
          `link_hash = '${sha256(token)}' AND origin = '${APP}' AND guide_id = '${guide.id}' AND project_id = '${project.id}' AND created_by = 'admin-token' AND session_hash IS NULL`,
        ),
      ).toBe(1);
      expect(t.count('authoring_sessions', `instr(link_hash || origin || created_by, '${token}') > 0`)).toBe(0);
      // Every link has its own token.
      expect(await linkToken()).not.toBe(token);
    });

    it('forgets links that expired unused and sessions that have ended whenever a link is made', async () => {
      await makeLink({ url: APP });
      await makeLink({ url: APP });
      await makeLink({ url: APP });
      t.run('UPDATE authoring_sessions SET link_expires_at = ? WHERE rowid = 1', Date.now() - 1);
      t.run('UPDATE authoring_sessions SET session_hash = ?, session_expires_at = ? WHERE rowid = 2', 'ended', Date.now() - 1);
      t.run('UPDATE authoring_sessions SET session_hash = ?, session_expires_at = ? WHERE rowid = 3', 'live', Date.now() + 60_000);
      await makeLink({ url: APP });
      expect(t.count('authoring_sessions')).toBe(2);
      expect(t.count('authoring_sessions', "session_hash = 'live'")).toBe(1);
    });

    it('keeps a hash router’s route: the token joins an existing fragment with &', async () => {
      const route = await makeLink({ url: `${APP}/#/invoices/42?tab=open` });
      expect(((await route.json()) as { url: string }).url).toMatch(new RegExp(`^${APP}/#/invoices/42\\?tab=open&kizuna-authoring=[A-Za-z0-9_-]{32}$`));
      const empty = await makeLink({ url: `${APP}/app#` });
      expect(((await empty.json()) as { url: string }).url).toMatch(new RegExp(`^${APP}/app#kizuna-authoring=[A-Za-z0-9_-]{32}$`));
    });

    it.each([
      ['not a URL', 'invoices page'],
      ['not http(s)', 'ftp://app.acme.test/invoices'],
      ['a script', 'javascript:alert(1)'],
    ])('answers 400 naming url for %s, storing nothing', async (_label, url) => {
      const res = await makeLink({ url });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'url' }] } });
      expect(t.count('authoring_sessions')).toBe(0);
    });

    it('answers 400 naming url, the origin and where to add it, for a page outside the project’s allowed origins', async () => {
      const res = await makeLink({ url: 'https://staging.acme.test/invoices' });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as ErrorJson;
      expect(error.code).toBe('invalid_body');
      expect(error.issues).toEqual([{ path: 'url', message: expect.stringContaining('https://staging.acme.test is not among the allowed origins') }]);
      expect(error.issues![0]!.message).toMatch(/add it to the project's allowed origins/);
      expect(t.count('authoring_sessions')).toBe(0);

      // A project without any allowed origin lets every origin in, as the client API does.
      await t.store.projects.update(project.id, { allowedOrigins: [] });
      expect((await makeLink({ url: 'https://staging.acme.test/invoices' })).status).toBe(201);
    });

    it('answers 404 guide_not_found for an unknown guide', async () => {
      const res = await makeLink({ url: `${APP}/` }, 'gd_nope');
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'guide_not_found' } });
      expect(t.count('authoring_sessions')).toBe(0);
    });

    it('needs the guides permission: 403 for the cs role, made by (and recorded for) a product person', async () => {
      const password = 'correct horse battery';
      for (const role of ['cs', 'product'] as const) await createAccount(t.auth(false), { email: `${role}@example.com`, password, role });
      const asUser = async (email: string) =>
        t.app.request(`/api/v1/admin/guides/${guide.id}/authoring-sessions`, {
          method: 'POST',
          headers: { cookie: await consoleSessionCookie(t, email, password), origin: 'http://localhost', 'content-type': 'application/json' },
          body: JSON.stringify({ url: `${APP}/invoices` }),
        });

      const refused = await asUser('cs@example.com');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect(t.count('authoring_sessions')).toBe(0);
      expect((await asUser('product@example.com')).status).toBe(201);
      expect(t.count('authoring_sessions', "created_by = 'product@example.com'")).toBe(1);
    });
  });

  describe('trading a link for a session', () => {
    it('answers 201 with a session for an hour and the guide, readable by the page', async () => {
      const token = await linkToken();
      const before = Date.now();
      const res = await exchange({ token });
      expect(res.status).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('vary')).toMatch(/Origin/);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const body = (await res.json()) as { session: string; expiresAt: string; guide: Guide };
      expect(body.session).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(body.session).not.toBe(token);
      expect(body.guide).toEqual(await stored());
      expect(Date.parse(body.expiresAt)).toBeGreaterThanOrEqual(before + AUTHORING_SESSION_TTL_MS);
      expect(Date.parse(body.expiresAt)).toBeLessThanOrEqual(Date.now() + AUTHORING_SESSION_TTL_MS);
      expect(t.count('authoring_sessions', `session_hash = '${sha256(body.session)}' AND session_expires_at = ${Date.parse(body.expiresAt)}`)).toBe(1);
    });

    it('works once: a second trade, or an unknown token, answers 401 authoring_link_invalid, readable by the page', async () => {
      const token = await linkToken();
      expect((await exchange({ token })).status).toBe(201);
      for (const tried of [token, 'x'.repeat(32)]) {
        const res = await exchange({ token: tried });
        expect(res.status).toBe(401);
        expect(res.headers.get('access-control-allow-origin')).toBe(APP);
        expect(await res.json()).toEqual({
          error: { code: 'authoring_link_invalid', message: 'This authoring link was already used or has expired. Open Edit in app again from the console.' },
        });
      }
    });

    it('lets only one of two trades racing for a link win', async () => {
      const token = await linkToken();
      const statuses = (await Promise.all([exchange({ token }), exchange({ token }), exchange({ token })])).map((res) => res.status);
      expect(statuses.sort()).toEqual([201, 401, 401]);
      expect(t.count('authoring_sessions', 'session_hash IS NOT NULL')).toBe(1);
    });

    it('answers 401 for a link past its 10 minutes', async () => {
      const token = await linkToken();
      t.run('UPDATE authoring_sessions SET link_expires_at = ?', Date.now() - 1);
      const res = await exchange({ token });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'authoring_link_invalid' } });
      expect(t.count('authoring_sessions', 'session_hash IS NOT NULL')).toBe(0);
    });

    it('answers 403 origin_not_allowed from another origin or none, readable by that page, and the link is spent', async () => {
      const token = await linkToken();
      const res = await exchange({ token }, { origin: EVIL });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
      const { error } = (await res.json()) as ErrorJson;
      expect(error).toMatchObject({ code: 'origin_not_allowed', message: expect.stringContaining(APP) });
      expect(JSON.stringify(error)).not.toMatch(/session|steps/);
      expect((await exchange({ token })).status).toBe(401);

      const noOrigin = await t.app.request('/api/v1/authoring/sessions', postInit({ token: await linkToken() }, { contentType: 'application/json' }));
      expect(noOrigin.status).toBe(403);
      expect(await noOrigin.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    });

    it('takes a same-origin request without Origin (Fetch Metadata) for a link to one of our own pages', async () => {
      await t.store.projects.update(project.id, { allowedOrigins: [APP, 'http://localhost'] });
      const token = await linkToken('http://localhost/demo');
      const cross = await t.app.request('/api/v1/authoring/sessions', postInit({ token }, { contentType: 'application/json', headers: { 'sec-fetch-site': 'cross-site' } }));
      expect(cross.status).toBe(403);
      const same = await t.app.request('/api/v1/authoring/sessions', postInit({ token: await linkToken('http://localhost/demo') }, { contentType: 'application/json', headers: { 'sec-fetch-site': 'same-origin' } }));
      expect(same.status).toBe(201);
    });

    it('answers 403 when the project has stopped allowing the link’s origin since it was made', async () => {
      const token = await linkToken();
      await t.store.projects.update(project.id, { allowedOrigins: ['https://new.acme.test'] });
      const res = await exchange({ token });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed', message: expect.stringContaining('no longer') } });
    });

    it('takes the body as text/plain too; 415 for other types and 400 naming token, leaving the link unspent', async () => {
      expect((await exchange({ token: await linkToken() }, { contentType: 'text/plain;charset=UTF-8' })).status).toBe(201);

      const token = await linkToken();
      const form = await exchange(`token=${token}`, { contentType: 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
      expect(form.headers.get('access-control-allow-origin')).toBe(APP);
      expect(await form.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
      const missing = await exchange({ link: token });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'token' }] } });
      expect((await exchange({ token })).status).toBe(201);
    });

    it('answers preflights from any origin for GET, POST and PUT with Authorization and Content-Type, without credentials', async () => {
      for (const path of ['/api/v1/authoring/sessions', '/api/v1/authoring/guide']) {
        const res = await t.app.request(path, {
          method: 'OPTIONS',
          headers: { origin: EVIL, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
        });
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
        expect(res.headers.get('access-control-allow-methods')!.split(',')).toEqual(['GET', 'POST', 'PUT']);
        expect(res.headers.get('access-control-allow-headers')!.toLowerCase().split(',')).toEqual(['authorization', 'content-type']);
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        expect(res.headers.get('vary')).toMatch(/Origin/);
      }
    });
  });

  describe('reading and saving the guide', () => {
    let session: string;
    beforeEach(async () => {
      session = await openSession();
    });

    it('GET answers the session’s guide, readable by the page', async () => {
      const res = await authoring('GET', session);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('vary')).toMatch(/Origin/);
      expect(await res.json()).toEqual(await stored());
    });

    it('PUT replaces the steps and moves updatedAt; the console sees the new steps, and the next save builds on them', async () => {
      const res = await authoring('PUT', session, { body: { steps: NEW_STEPS, updatedAt: guide.updatedAt } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      const saved = (await res.json()) as Guide;
      expect(saved).toEqual({ ...guide, steps: NEW_STEPS, updatedAt: expect.any(String) });
      expect(Date.parse(saved.updatedAt)).toBeGreaterThan(Date.parse(guide.updatedAt));
      expect(await stored()).toEqual(saved);

      const again = await authoring('PUT', session, { body: { steps: GUIDE_STEPS.slice(2), updatedAt: saved.updatedAt }, contentType: 'text/plain;charset=UTF-8' });
      expect(again.status).toBe(200);
      expect((await stored()).steps).toMatchObject([{ title: 'Done' }]);
    });

    it('PUT from an older version answers 409 conflict, readable by the page, storing nothing', async () => {
      const first = (await (await authoring('PUT', session, { body: { steps: NEW_STEPS, updatedAt: guide.updatedAt } })).json()) as Guide;
      const res = await authoring('PUT', session, { body: { steps: GUIDE_STEPS.slice(2), updatedAt: guide.updatedAt } });
      expect(res.status).toBe(409);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(await res.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/Someone else saved this guide/) } });
      expect(await stored()).toEqual(first);

      // A change made in the console meanwhile counts too.
      await t.app.request(`/api/v1/admin/guides/${guide.id}`, adminInit('PATCH', { name: 'Renamed' }));
      expect((await authoring('PUT', session, { body: { steps: GUIDE_STEPS, updatedAt: first.updatedAt } })).status).toBe(409);
      expect(await stored()).toMatchObject({ name: 'Renamed', steps: first.steps });
    });

    const step = GUIDE_STEPS[0]!;
    it.each([
      ['a step without a title', { steps: [{ ...step, title: undefined }] }, 'steps.0.title'],
      ['an empty title in the second step', { steps: [step, { ...step, title: ' ' }] }, 'steps.1.title'],
      ['no steps', { steps: [] }, 'steps'],
      ['more than 20 steps', { steps: Array.from({ length: 21 }, () => step) }, 'steps'],
      ['a number as target', { steps: [{ ...step, target: 42 }] }, 'steps.0.target'],
      ['no updatedAt', { steps: [step], updatedAt: undefined }, 'updatedAt'],
    ])('PUT answers 400 invalid_body naming the field for %s, storing nothing', async (_label, fields, path) => {
      const res = await authoring('PUT', session, { body: { updatedAt: guide.updatedAt, ...fields } });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as ErrorJson;
      expect(error.code).toBe('invalid_body');
      expect(error.issues!.map((i) => i.path)).toContain(path);
      expect(await stored()).toEqual(guide);
    });

    it('PUT answers 415 for a body that is neither JSON nor text, storing nothing', async () => {
      const res = await authoring('PUT', session, { body: { steps: NEW_STEPS, updatedAt: guide.updatedAt }, contentType: 'multipart/form-data' });
      expect(res.status).toBe(415);
      expect(await stored()).toEqual(guide);
    });

    it('answers 401 authoring_session_expired without a session, with an unknown one, or once it has ended; readable by the page, storing nothing', async () => {
      const expected = {
        error: {
          code: 'authoring_session_expired',
          message: 'Your authoring session has ended. Open Edit in app again from the console; your unsaved steps stay in this tab.',
        },
      };
      const unknown = 'y'.repeat(32);
      for (const res of [await authoring('GET', null), await authoring('GET', unknown), await t.app.request('/api/v1/authoring/guide', { headers: { authorization: `Basic ${session}`, origin: APP } })]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('access-control-allow-origin')).toBe(APP);
        expect(await res.json()).toEqual(expected);
      }
      // The link's token is not a session.
      expect((await authoring('GET', await linkToken())).status).toBe(401);

      expect((await authoring('GET', session)).status).toBe(200);
      t.run('UPDATE authoring_sessions SET session_expires_at = ? WHERE session_hash = ?', Date.now() - 1, sha256(session));
      expect(await (await authoring('GET', session)).json()).toEqual(expected);
      const save = await authoring('PUT', session, { body: { steps: NEW_STEPS, updatedAt: guide.updatedAt } });
      expect(save.status).toBe(401);
      expect(await stored()).toEqual(guide);
    });

    it('answers 403 origin_not_allowed from another origin, or once the project stops allowing the page’s, storing nothing', async () => {
      const res = await authoring('GET', session, { origin: EVIL });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBe(EVIL);
      expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
      expect((await authoring('GET', session, { origin: null })).status).toBe(403);
      expect((await authoring('PUT', session, { origin: EVIL, body: { steps: NEW_STEPS, updatedAt: guide.updatedAt } })).status).toBe(403);
      expect(await stored()).toEqual(guide);

      await t.store.projects.update(project.id, { allowedOrigins: ['https://new.acme.test'] });
      expect((await authoring('GET', session)).status).toBe(403);
      expect((await authoring('PUT', session, { body: { steps: NEW_STEPS, updatedAt: guide.updatedAt } })).status).toBe(403);
      expect(await stored()).toEqual(guide);
    });

    it('reaches only the session’s guide: nothing in a request names another', async () => {
      expect(await (await authoring('GET', session, { path: `/api/v1/authoring/guide?guideId=${other.id}` })).json()).toMatchObject({ id: guide.id });
      expect((await authoring('GET', session, { path: `/api/v1/authoring/guides/${other.id}` })).status).toBe(404);

      const res = await authoring('PUT', session, { body: { steps: NEW_STEPS, updatedAt: guide.updatedAt, id: other.id, guideId: other.id } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: guide.id, steps: NEW_STEPS });
      expect(await stored(other.id)).toEqual(other);

      // The other guide's own session edits that one only.
      const otherSession = await openSession(other.id);
      expect(await (await authoring('GET', otherSession)).json()).toMatchObject({ id: other.id, name: 'Other tour' });
    });
  });
});
