import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, ADMIN_TOKEN, cid, consoleSessionCookie, eachTestServer, makeTestServer, postInit, seedProject, type TestServer } from './helpers.ts';

const METRICS_TOKEN = 'test-metrics-token-0123456789';

/** One sample of the exposition: name, labels and value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when there is none. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function scrape(t: TestServer, token = ADMIN_TOKEN): Promise<string> {
  const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('GET /metrics: access', () => {
  let t: TestServer;
  afterEach(() => t.close());

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token-at-all' }],
    ['the admin token in another scheme', { authorization: `Basic ${ADMIN_TOKEN}` }],
  ])('answers %s with 401 and our error body', async (_, headers: Record<string, string>) => {
    t = makeTestServer();
    const res = await t.app.request('/metrics', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="kizuna"');
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('does not open to a console session, even an owner’s', async () => {
    t = makeTestServer();
    await createAccount(t.auth(false), { email: 'owner@example.com', password: 'a long passphrase', role: 'owner' });
    const cookie = await consoleSessionCookie(t, 'owner@example.com', 'a long passphrase');
    expect((await t.app.request('/api/v1/admin/me', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/metrics', { headers: { cookie } })).status).toBe(401);
  });

  it('opens to the admin token, in the Prometheus text format and never cached', async () => {
    t = makeTestServer();
    const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(samples(await res.text()).length).toBeGreaterThan(0);
  });

  it('opens to KIZUNA_METRICS_TOKEN, which opens nothing else', async () => {
    t = makeTestServer({ metricsToken: METRICS_TOKEN });
    await scrape(t, METRICS_TOKEN);
    await scrape(t, ADMIN_TOKEN);
    expect((await t.app.request('/api/v1/admin/projects', adminInit('GET', undefined, METRICS_TOKEN))).status).toBe(401);
  });
});

describe('GET /metrics: what it counts', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const sendAnswer = (id: string, score: number, fields: Record<string, unknown> = {}) =>
    t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: cid(id), surveyId: survey.id, userId: `user-${id}`, score, ...fields }));

  it('counts answers stored and follow-ups opened, not re-sends nor completions', async () => {
    const before = await scrape(t);
    expect(valueOf(before, 'kizuna_answers_stored_total')).toBe(0);
    expect(valueOf(before, 'kizuna_followups_opened_total')).toBe(0);

    expect((await sendAnswer('promoter', 9)).status).toBe(201);
    expect((await sendAnswer('detractor', 3)).status).toBe(201);
    // The same ids again: a retry, and a completion adding a comment.
    expect((await sendAnswer('promoter', 9)).status).toBe(200);
    expect((await sendAnswer('detractor', 3, { comment: 'slow support' })).status).toBe(200);

    const after = await scrape(t);
    expect(valueOf(after, 'kizuna_answers_stored_total')).toBe(2);
    expect(valueOf(after, 'kizuna_followups_opened_total')).toBe(1);
  });

  it('counts requests by method, route pattern and status, never by raw path', async () => {
    await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('GET'));
    await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('GET'));
    await t.app.request('/api/v1/admin/surveys/srv_unknown', adminInit('GET'));
    await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('GET', undefined, 'a-wrong-admin-token'));
    await sendAnswer('one', 9);
    await t.app.request(`/no/such/${survey.id}`);
    await t.app.request('/another/unknown/path');
    await t.app.request('/healthz', { method: 'BREW' });

    const text = await scrape(t);
    const route = '/api/v1/admin/surveys/:surveyId';
    expect(valueOf(text, 'http_requests_total', { method: 'GET', route, status: '200' })).toBe(2);
    expect(valueOf(text, 'http_requests_total', { method: 'GET', route, status: '404' })).toBe(1);
    // Refused by the admin middleware, still named by the endpoint it was for.
    expect(valueOf(text, 'http_requests_total', { method: 'GET', route, status: '401' })).toBe(1);
    expect(valueOf(text, 'http_requests_total', { method: 'POST', route: '/api/v1/client/:projectKey/responses', status: '201' })).toBe(1);
    expect(valueOf(text, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(2);
    expect(valueOf(text, 'http_requests_total', { method: 'OTHER', status: '404' })).toBe(1);
    // No label carries an id from a path.
    expect(text).not.toContain(survey.id);
    expect(text).not.toContain(project.key);
    expect(text).not.toContain('srv_unknown');
  });

  it('keeps a latency histogram per method and route', async () => {
    await t.app.request('/healthz');
    await t.app.request('/healthz');
    const text = await scrape(t);
    const histogram = samples(text).filter((s) => s.name.startsWith('http_request_duration_seconds') && s.labels.route === '/healthz' && s.labels.method === 'GET');
    expect(valueOf(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/healthz' })).toBe(2);
    expect(valueOf(text, 'http_request_duration_seconds_bucket', { method: 'GET', route: '/healthz', le: '+Inf' })).toBe(2);
    expect(histogram.filter((s) => s.name === 'http_request_duration_seconds_bucket').length).toBeGreaterThan(5);
    expect(valueOf(text, 'http_request_duration_seconds_sum', { method: 'GET', route: '/healthz' })).toBeGreaterThan(0);
  });

  it('reports the database size read at scrape time, and the event-loop lag', async () => {
    const before = valueOf(await scrape(t), 'kizuna_database_size_bytes')!;
    expect(before).toBeGreaterThan(0);
    const comment = 'x'.repeat(2_000);
    for (let i = 0; i < 50; i++) await sendAnswer(`size${i}`, 9, { comment });
    const text = await scrape(t);
    expect(valueOf(text, 'kizuna_database_size_bytes')).toBeGreaterThan(before + 50 * comment.length);
    expect(valueOf(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('keeps each app’s counts to itself', async () => {
    const other = makeTestServer();
    try {
      await sendAnswer('mine', 2);
      expect(valueOf(await scrape(other), 'kizuna_answers_stored_total')).toBe(0);
      expect(valueOf(await scrape(t), 'kizuna_answers_stored_total')).toBe(1);
    } finally {
      await other.close();
    }
  });
});
