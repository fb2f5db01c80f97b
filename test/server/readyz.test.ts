import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestServer, type TestServer } from './helpers.ts';

describe('GET /readyz and /healthz', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer();
  });
  afterEach(() => t.close());

  it('/readyz answers 200 with the database engine while the database answers', async () => {
    const res = await t.app.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'sqlite' });
  });

  it('/readyz answers 503 with our error body once the database is gone, while /healthz (liveness, no database) stays 200', async () => {
    await t.store.close();
    const res = await t.app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'database_unavailable', message: 'the database did not answer' } });
    expect((await t.app.request('/healthz')).status).toBe(200);
  });

  it('/readyz answers 503 for a database file without Kizuna’s tables', async () => {
    t.run('DROP TABLE settings');
    expect((await t.app.request('/readyz')).status).toBe(503);
  });

  it('both are in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('http://kizuna.test/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths['/healthz']!)).toEqual(['get']);
    expect(Object.keys(doc.paths['/readyz']!.get!.responses).sort()).toEqual(['200', '503']);
  });
});
