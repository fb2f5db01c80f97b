import { describe, expect, it } from 'vitest';
import type { Followup } from '../../shared/schemas/followup.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, postInit, eachTestServer, seedProject, type TestServer } from './helpers.ts';

type Page = { items: Followup[]; nextCursor: string | null };

describe('admin API: follow-ups', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  /** Detractor answers through the client API, oldest first, a few ms apart so their order is known. */
  async function detractors(n: number) {
    for (let i = 0; i < n; i++) {
      const res = await t.app.request(
        `/api/v1/client/${project.key}/responses`,
        postInit({ id: cid(`low${i}`), surveyId: survey.id, userId: `customer-${i}`, score: i % 7, attributes: { plan: 'pro' } }),
      );
      expect(res.status).toBe(201);
      await new Promise((r) => setTimeout(r, 3));
    }
  }
  const list = async (query = '') => {
    const res = await t.app.request(`/api/v1/admin/projects/${project.id}/followups${query}`, adminInit('GET'));
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };
  const patch = (id: string, body: unknown) => t.app.request(`/api/v1/admin/followups/${id}`, adminInit('PATCH', body));

  it('lists follow-ups newest first with the response, user, attributes and history', async () => {
    await detractors(2);
    const { items, nextCursor } = await list();
    expect(nextCursor).toBeNull();
    expect(items.map((f) => f.userId)).toEqual(['customer-1', 'customer-0']);
    expect(items[0]).toMatchObject({
      projectId: project.id,
      surveyId: survey.id,
      responseId: cid('low1'),
      status: 'open',
      assignee: null,
      attributes: { plan: 'pro' },
      response: { score: 1, category: 'detractor', factors: {}, comment: null },
      history: [{ action: 'created', actor: 'system', to: 'open' }],
    });
  });

  it('pages with limit and nextCursor, covering every item once', async () => {
    await detractors(5);
    const first = await list('?limit=2');
    expect(first.items.map((f) => f.userId)).toEqual(['customer-4', 'customer-3']);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((f) => f.userId)).toEqual(['customer-2', 'customer-1']);
    const third = await list(`?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((f) => f.userId)).toEqual(['customer-0']);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by status', async () => {
    await detractors(3);
    const { items } = await list();
    await patch(items[1]!.id, { status: 'resolved' });
    expect((await list('?status=open')).items.map((f) => f.userId)).toEqual(['customer-2', 'customer-0']);
    expect((await list('?status=resolved')).items.map((f) => f.userId)).toEqual(['customer-1']);
    expect((await list('?status=in_progress')).items).toEqual([]);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=201', 'limit'],
    ['?status=closed', 'status'],
    ['?cursor=garbage', 'cursor'],
  ])('answers 400 invalid_query for %s', async (query, path) => {
    const res = await t.app.request(`/api/v1/admin/projects/${project.id}/followups${query}`, adminInit('GET'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path }] } });
  });

  it('records each change of a PATCH in the history with the actor, and nothing for a no-op', async () => {
    await detractors(1);
    const [item] = (await list()).items;
    const res = await patch(item!.id, { status: 'in_progress', assignee: 'sato@acme.test', note: '電話でヒアリング予定' });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Followup;
    expect(updated).toMatchObject({ status: 'in_progress', assignee: 'sato@acme.test' });
    expect(updated.history.slice(1)).toEqual([
      { at: expect.any(String), actor: 'admin-token', action: 'status', from: 'open', to: 'in_progress' },
      { at: expect.any(String), actor: 'admin-token', action: 'assignee', from: null, to: 'sato@acme.test' },
      { at: expect.any(String), actor: 'admin-token', action: 'note', from: null, to: null, note: '電話でヒアリング予定' },
    ]);

    const noop = (await (await patch(item!.id, { status: 'in_progress', assignee: 'sato@acme.test' })).json()) as Followup;
    expect(noop).toEqual(updated);
    const read = await t.app.request(`/api/v1/admin/followups/${item!.id}`, adminInit('GET'));
    expect(await read.json()).toEqual(updated);
    expect(t.count('followup_history')).toBe(4);
  });

  it('answers 400 for an empty or invalid PATCH and 404 for an unknown follow-up', async () => {
    await detractors(1);
    const [item] = (await list()).items;
    for (const body of [{}, { status: 'closed' }, { assignee: '' }]) {
      const res = await patch(item!.id, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body' } });
    }
    expect(t.count('followup_history')).toBe(1);
    const missing = await patch('fu_nope', { status: 'resolved' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'followup_not_found' } });
    expect((await t.app.request('/api/v1/admin/followups/fu_nope', adminInit('GET'))).status).toBe(404);
    expect((await t.app.request('/api/v1/admin/projects/prj_nope/followups', adminInit('GET'))).status).toBe(404);
  });
});
