import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestServer, type TestServer } from './helpers.ts';

describe('admin console files', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer();
  });
  afterEach(() => t.close());

  it.each([['/admin'], ['/admin/'], ['/admin/inbox'], ['/admin/surveys/srv_1?tab=x'], ['/admin/a/b/c']])(
    'answers %s with the console page, uncached, under a strict CSP',
    async (path) => {
      const res = await t.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<title>Kizuna console</title>');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
    },
  );

  it('serves hashed assets for a year', async () => {
    const res = await t.app.request('/admin/assets/main-abc123.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log("console");');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each([['/admin/assets/missing.js'], ['/admin/assets/../../secret.txt'], ['/admin/assets/%2e%2e/%2e%2e/secret.txt']])(
    'answers 404 for %s, not the page, without leaking other files',
    async (path) => {
      const res = await t.app.request(path);
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).not.toContain('outside the widget folder');
      expect(body).not.toContain('Kizuna console');
    },
  );

  it('leaves the admin API alone', async () => {
    const res = await t.app.request('/api/v1/admin/projects');
    expect(res.status).toBe(401);
  });
});
