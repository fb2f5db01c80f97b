import { describe, expect, it } from 'vitest';
import { adminInit, makeTestServer } from './helpers.ts';

describe('error handling', () => {
  it('answers an unexpected failure with a bare 500 internal_error and logs it', async () => {
    const logged: unknown[] = [];
    const t = makeTestServer({ log: (message, error) => logged.push(message, error) });
    // A closed database makes every query throw, as a disk failure would.
    await t.store.close();
    const res = await t.app.request('/api/v1/admin/projects', adminInit('GET'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal_error', message: 'internal server error' } });
    expect(logged[0]).toBe('GET /api/v1/admin/projects failed');
    expect(logged[1]).toBeInstanceOf(Error);
    await t.close();
  });
});
