import { afterEach, describe, expect, it } from 'vitest';
import { cid, fromAddress, makeTestServer, postInit, seedProject, type TestServer } from './helpers.ts';

describe('client API: CORS and origin checks', () => {
  let t: TestServer;
  afterEach(() => t.close());

  async function setup(allowedOrigins: string[]) {
    t = makeTestServer();
    return seedProject(t.store, {}, { allowedOrigins });
  }

  it('answers a preflight for an allowed origin, echoing it with Vary: Origin', async () => {
    const { project } = await setup(['https://app.acme.test']);
    const res = await t.app.request(`/api/v1/client/${project.key}/responses`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.acme.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.acme.test');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('gives no Access-Control-Allow-Origin to an origin not on the list', async () => {
    const { project } = await setup(['https://app.acme.test']);
    const res = await t.app.request(`/api/v1/client/${project.key}/state?userId=u`, { headers: { origin: 'https://evil.test' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('echoes an allowed origin on answers, errors included, and exposes Retry-After', async () => {
    const { project, survey } = await setup(['https://app.acme.test']);
    const ok = await t.app.request(
      `/api/v1/client/${project.key}/responses`,
      postInit({ id: cid('cors1'), surveyId: survey.id, userId: 'u', score: 9 }, { origin: 'https://app.acme.test' }),
    );
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.acme.test');
    expect(ok.headers.get('access-control-expose-headers')).toContain('Retry-After');

    const bad = await t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: 'x' }, { origin: 'https://app.acme.test' }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe('https://app.acme.test');
  });

  it('refuses with 403 a POST from an origin not allowed, storing nothing', async () => {
    const { project, survey } = await setup(['https://app.acme.test']);
    const res = await t.app.request(
      `/api/v1/client/${project.key}/responses`,
      postInit({ id: cid('evil1'), surveyId: survey.id, userId: 'u', score: 0 }, { origin: 'https://evil.test' }),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
    // The refusal is readable by that page, so its widget drops the send rather than retrying.
    expect(res.headers.get('access-control-allow-origin')).toBe('https://evil.test');
    const events = await t.app.request(
      `/api/v1/client/${project.key}/events`,
      postInit({ events: [{ id: cid('evil2'), type: 'survey_dismissed', surveyId: survey.id, userId: 'u' }] }, { origin: 'null' }),
    );
    expect(events.status).toBe(403);
    expect(t.count('responses')).toBe(0);
    expect(t.count('followups')).toBe(0);
    expect(t.count('events')).toBe(0);
  });

  it('accepts a POST without an Origin header (server-to-server) when origins are restricted', async () => {
    const { project, survey } = await setup(['https://app.acme.test']);
    const res = await t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: cid('server1'), surveyId: survey.id, userId: 'u', score: 9 }));
    expect(res.status).toBe(201);
  });

  it('allows every origin with * while the list is empty', async () => {
    const { project, survey } = await setup([]);
    const res = await t.app.request(
      `/api/v1/client/${project.key}/responses`,
      postInit({ id: cid('any1'), surveyId: survey.id, userId: 'u', score: 9 }, { origin: 'https://anywhere.test' }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toContain('Origin');
  });
});

describe('client API: rate limit', () => {
  let t: TestServer;
  afterEach(() => t.close());

  it('answers 429 rate_limited with Retry-After past the per-minute limit, per project key and IP', async () => {
    t = makeTestServer({ rateLimitPerMinute: 3 });
    const { project, survey } = await seedProject(t.store);
    const { project: other } = await seedProject(t.store);
    const state = (key: string, ip: string) => t.app.request(`/api/v1/client/${key}/state?userId=u`, {}, fromAddress(ip));

    for (let i = 0; i < 3; i++) expect((await state(project.key, '10.0.0.1')).status).toBe(200);
    const limited = await state(project.key, '10.0.0.1');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');

    const post = await t.app.request(
      `/api/v1/client/${project.key}/responses`,
      postInit({ id: cid('limited'), surveyId: survey.id, userId: 'u', score: 1 }),
      fromAddress('10.0.0.1'),
    );
    expect(post.status).toBe(429);
    expect(t.count('responses')).toBe(0);

    expect((await state(project.key, '10.0.0.2')).status).toBe(200);
    expect((await state(other.key, '10.0.0.1')).status).toBe(200);
  });

  it('keys on the last X-Forwarded-For hop only when trustProxy is set', async () => {
    for (const trustProxy of [false, true]) {
      t = makeTestServer({ rateLimitPerMinute: 1, trustProxy });
      const { project } = await seedProject(t.store);
      // What a proxy sends: whatever the client claimed, then the address it really saw.
      const viaProxy = (claimed: string, seen: string) =>
        t.app.request(`/api/v1/client/${project.key}/state?userId=u`, { headers: { 'x-forwarded-for': `${claimed}, ${seen}` } }, fromAddress('127.0.0.1'));
      expect((await viaProxy('1.1.1.1', '203.0.113.1')).status).toBe(200);
      expect((await viaProxy('2.2.2.2', '203.0.113.1')).status).toBe(429);
      expect((await viaProxy('1.1.1.1', '203.0.113.2')).status).toBe(trustProxy ? 200 : 429);
      await t.close();
    }
    t = makeTestServer();
  });
});
