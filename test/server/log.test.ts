import { DrizzleQueryError } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { ADMIN_TOKEN, adminInit, consoleSessionCookie, makeTestServer, seedProject, type TestServer } from './helpers.ts';
import { captureLog, type CapturedLog } from './log-capture.ts';

const PASSWORD = 'correct horse battery';
/** What an attacker wants to appear as a line of its own in the server log. */
const FORGED = '{"level":30,"msg":"owner signed in","forged":true}';

describe('server log', () => {
  let log: CapturedLog;
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  beforeEach(async () => {
    log = captureLog();
    t = makeTestServer({ logger: log.logger });
    ({ project, survey } = await seedProject(t.store));
  });
  afterEach(() => t.close());

  /** Every line is one JSON object and none is the forged one. */
  const expectNoForgedLine = () => {
    const lines = log.text().split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toBe(FORGED);
      expect(JSON.parse(line)).not.toHaveProperty('forged');
    }
  };

  // The same through better-auth's logger, which checks callback URLs only outside tests: test/browser/server-log.test.ts.
  it('keeps request text from starting a line: an unsafe X-Request-Id is replaced, a path with %0A is logged as sent', async () => {
    const forgedPath = `/api/v1/admin/nothing%0A${encodeURIComponent(FORGED)}%0D%0A`;
    const res = await t.app.request(forgedPath, { headers: { ...adminInit('GET').headers, 'x-request-id': `a\t${FORGED}` } });
    expect(res.status).toBe(404);
    expectNoForgedLine();
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.entries()).toEqual([expect.objectContaining({ msg: 'request', requestId, path: forgedPath, status: 404 })]);
  });

  it('logs one access line per request: method, route pattern, path, status, duration and request id', async () => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}?x=secret-query`, { ...adminInit('GET'), headers: { ...adminInit('GET').headers, 'x-request-id': 'proxy-id.42_A' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('proxy-id.42_A');
    const access = log.entries().filter((entry) => entry.msg === 'request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 30,
      requestId: 'proxy-id.42_A',
      method: 'GET',
      route: '/api/v1/admin/surveys/:surveyId',
      path: `/api/v1/admin/surveys/${survey.id}`,
      status: 200,
      ms: expect.any(Number),
    });
    expect(log.text()).not.toContain('secret-query');

    const missing = await t.app.request('/no/such/page');
    expect(missing.status).toBe(404);
    expect(log.entries().at(-1)).toMatchObject({ msg: 'request', route: null, path: '/no/such/page', status: 404, requestId: missing.headers.get('x-request-id') });
  });

  it('never writes the admin token, a session cookie, a password or a body', async () => {
    await createAccount(t.auth(false), { email: 'owner@example.com', password: PASSWORD, role: 'owner' });
    const cookie = await consoleSessionCookie(t, 'owner@example.com', PASSWORD);
    const cookieValue = cookie.split('=')[1]!;
    await t.app.request('/api/v1/admin/me', { headers: { cookie } });
    await t.app.request('/api/v1/admin/projects', adminInit('POST', { name: 'Body text 1234' }));
    await t.app.request('/api/v1/admin/projects', adminInit('GET', undefined, 'wrong-token-0123456789'));
    // An unexpected failure is logged in full, still without the request's secrets.
    await t.store.close();
    const failed = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('GET'));
    expect(failed.status).toBe(500);

    const text = log.text();
    expect(log.entries().filter((entry) => entry.msg === 'request')).toHaveLength(5);
    for (const secret of [ADMIN_TOKEN, cookieValue, decodeURIComponent(cookieValue).split('.')[0]!, PASSWORD, 'wrong-token-0123456789', 'Body text 1234']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('logged errors', () => {
  it('leave out the values bound to a failed query (drizzle puts them in message, stack and params)', () => {
    const log = captureLog();
    const cause = new Error('UNIQUE constraint failed: console_sessions.token');
    log.logger.error({ err: new DrizzleQueryError('insert into "console_sessions" ("token") values (?)', ['session-token-secret'], cause) }, 'request failed');
    expect(log.text()).not.toContain('session-token-secret');
    expect(log.entries()[0]).toMatchObject({
      err: { message: 'Failed query: insert into "console_sessions" ("token") values (?)\nparams: [redacted]', cause: { message: cause.message } },
    });
  });
});
