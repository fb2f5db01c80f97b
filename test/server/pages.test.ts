import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/data/seed.ts';
import { ADMIN_TOKEN, fromAddress, makeTestServer, type TestServer } from './helpers.ts';

describe('pages', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = makeTestServer();
    await seedDemo(t.store);
  });
  afterEach(() => t.close());

  it('GET /healthz answers { ok: true }', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('the landing page shows the snippet for this origin and pk_demo, and links the demo, the console and the API', async () => {
    const res = await t.app.request('http://kizuna.example:8787/', {}, fromAddress('203.0.113.9'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('&lt;script async src=&quot;http://kizuna.example:8787/widget.js&quot; data-project=&quot;pk_demo&quot;&gt;&lt;/script&gt;');
    expect(page).toContain('kizuna(&#39;identify&#39;,&#39;USER_ID&#39;,{plan:&#39;pro&#39;,ltv:120000,locale:&#39;ja&#39;})');
    expect(page).toContain('href="/demo"');
    expect(page).toContain('href="/admin"');
    expect(page).toContain('href="/api/openapi.json"');
    const demo = await t.store.projects.getByKey('pk_demo');
    expect(page).toContain(`/api/v1/admin/projects/${demo!.id}/followups`);
  });

  it('never puts the admin token in a page: not for loopback, a DNS-rebound host name, or a proxy that adds no forwarding header', async () => {
    const requests: Array<[string, RequestInit, ReturnType<typeof fromAddress>]> = [
      ['http://localhost:8787/', {}, fromAddress('127.0.0.1')],
      ['http://[::1]:8787/', {}, fromAddress('::1')],
      // DNS rebinding: a page on any site resolves its own name to 127.0.0.1 and reads ours.
      ['http://rebind.attacker.example:8787/', {}, fromAddress('127.0.0.1')],
      // nginx's default proxy_pass and ssh -L: every visitor arrives from loopback, no forwarding header.
      ['http://kizuna.example.com/', { headers: { host: 'kizuna.example.com' } }, fromAddress('::ffff:127.0.0.1')],
      ['http://kizuna.example.com/', {}, fromAddress('203.0.113.9')],
    ];
    for (const [url, init, env] of requests) {
      for (const path of ['', 'demo']) {
        const page = await (await t.app.request(url + path, init, env)).text();
        expect(page).not.toContain(ADMIN_TOKEN);
      }
    }
    const landing = await (await t.app.request('http://localhost:8787/', {}, fromAddress('127.0.0.1'))).text();
    expect(landing).toContain('npm run admin-token');
  });

  it('the demo page carries the stub, identify and the same-origin loader for pk_demo', async () => {
    const res = await t.app.request('http://localhost:8787/demo');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<html lang="ja">/);
    expect(page).toContain('window.kizuna=window.kizuna||function(){(kizuna.q=kizuna.q||[]).push(arguments)};');
    expect(page).toContain('<script async src="http://localhost:8787/widget.js" data-project="pk_demo"></script>');
    expect(page).toContain("kizuna('identify'");
    expect(page).toContain("kizuna('reset')");
    expect(page).toContain('id="demo-new-user"');
    expect(page).toContain('id="demo-locale-toggle"');
  });

  it('seeds a once-only ja/en tour of the demo page, due before the survey, whose steps point at elements of the page', async () => {
    const demo = (await t.store.projects.getByKey('pk_demo'))!;
    const [guide] = await t.store.guides.listByProject(demo.id);
    const [survey] = await t.store.surveys.listByProject(demo.id);
    expect(guide).toMatchObject({ frequency: 'once', active: true, trigger: { url: '/demo*' } });
    expect(guide!.priority).toBeGreaterThan(survey!.priority);
    expect(guide!.steps).toHaveLength(2);
    const page = await (await t.app.request('http://localhost:8787/demo')).text();
    for (const step of guide!.steps) {
      expect(step.title).toEqual({ ja: expect.any(String), en: expect.any(String) });
      expect(step.target).toMatch(/^#[a-z-]+$/);
      expect(page).toContain(`id="${(step.target as string).slice(1)}"`);
    }
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await t.app.request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('widget files', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer();
  });
  afterEach(() => t.close());

  it.each([
    ['/widget.js', '/* loader */'],
    ['/widget/ui/survey.js', 'export const survey = 1;'],
  ])('serves %s as cacheable, cross-origin JavaScript', async (path, body) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(body);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([['/widget/ui/missing.js'], ['/widget/../secret.txt'], ['/widget/%2e%2e/secret.txt'], ['/widget/ui/..%2f..%2fsecret.txt']])(
    'answers 404 for %s without leaking other files',
    async (path) => {
      const res = await t.app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside the widget folder');
      expect(res.headers.get('cache-control')).toBeNull();
    },
  );
});
