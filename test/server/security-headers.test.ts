import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageCsp } from '../../server/middleware/security-headers.ts';
import { adminInit, fromAddress, makeTestServer, type TestServer } from './helpers.ts';

/** The CSP source a browser accepts for this inline script or style. */
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The `name` directive of a policy, e.g. `script-src 'self' 'sha256-…'`. */
const directive = (policy: string, name: string) => policy.split(/;\s*/).find((part) => part.startsWith(`${name} `)) ?? '';

describe('security headers', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer();
  });
  afterEach(() => t.close());

  it.each(['/', '/demo', '/admin', '/admin/some/deep/link'])('sends nosniff, a referrer policy and a CSP forbidding framing on %s', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The console keeps its stricter `same-origin`; the pages link out and send only the origin.
    expect(res.headers.get('referrer-policy')).toBe(path.startsWith('/admin') ? 'same-origin' : 'strict-origin-when-cross-origin');
    const csp = res.headers.get('content-security-policy')!;
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('allows exactly the inline scripts and styles the landing and demo pages were rendered with', async () => {
    for (const path of ['/', '/demo']) {
      const res = await t.app.request(path);
      const html = await res.text();
      const csp = res.headers.get('content-security-policy')!;
      const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      expect(path === '/' || inline.length > 0).toBe(true); // the demo runs the snippet inline
      for (const script of inline) expect(directive(csp, 'script-src')).toContain(sha256(script));
      for (const [, style] of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) expect(directive(csp, 'style-src')).toContain(sha256(style!));
    }
  });

  it('hashes inline elements only, and as the browser reads them (CRLF as LF)', () => {
    const csp = pageCsp('<script src="/widget.js"></script><SCRIPT type="module">run()\r\n</SCRIPT><style media="x">a{}</style>');
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' ${sha256('run()\n')}`);
    expect(directive(csp, 'style-src')).toBe(`style-src 'self' ${sha256('a{}')}`);
  });

  it('marks every admin API answer no-store, errors included', async () => {
    const answers = [
      await t.app.request('/api/v1/admin/projects', adminInit('GET')),
      await t.app.request('/api/v1/admin/projects/prj_missing', adminInit('GET')),
      await t.app.request('/api/v1/admin/projects', adminInit('POST', { name: '' })),
      await t.app.request('/api/v1/admin/projects'),
      await t.app.request('/api/v1/admin/no/such/route', adminInit('GET')),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 404, 400, 401, 404]);
    for (const res of answers) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('marks the sign-in endpoints no-store', async () => {
    const signIn = await t.app.request(
      '/api/auth/sign-in/email',
      { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ email: 'a@example.com', password: 'wrong password!' }) },
      fromAddress('192.0.2.1'),
    );
    expect(signIn.status).toBe(401);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const csrf = await t.app.request('/api/auth/sign-out', { method: 'POST' });
    expect(csrf.status).toBe(403);
    expect(csrf.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves the caching of widget files and the client API as it was', async () => {
    const widget = await t.app.request('/widget.js');
    expect(widget.headers.get('cache-control')).toBe('public, max-age=300');
    const client = await t.app.request('/api/v1/client/pk_missing/state?userId=u1');
    expect(client.headers.get('cache-control')).not.toBe('no-store');
    expect(client.headers.get('content-security-policy')).toBeNull();
  });
});
