import { describe, expect, it } from 'vitest';
import { followupDueAt } from '../../server/data/followup-due.ts';
import type { Followup, FollowupDetail, FollowupPage } from '../../shared/schemas/followup.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { addConsoleAccount, adminInit, cid, postInit, eachTestServer, newAnswer, seedProject, type TestServer } from './helpers.ts';

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
    await addConsoleAccount(t, 'sato@acme.test');
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

describe('admin API: follow-up inbox (due dates, filters, sorts, counts, earlier answers)', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  // 2025-05-02 is a Friday.
  const FRIDAY = Date.UTC(2025, 4, 2, 15);
  const HOUR = 3_600_000;

  /** A low answer through the store at a known time, opening a follow-up. */
  const low = (clientId: string, userId: string, score: number, at: number, fields: { comment?: string; factors?: Record<string, number> } = {}) =>
    t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid(clientId), userId, score, at: new Date(at), ...fields }));
  const request = (path: string, init = adminInit('GET')) => t.app.request(`/api/v1/admin${path}`, init);
  const list = async (query = '') => {
    const res = await request(`/projects/${project.id}/followups${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as FollowupPage;
  };
  const users = (page: FollowupPage) => page.items.map((f) => f.userId);
  const patch = async (id: string, body: unknown) => {
    const res = await request(`/followups/${id}`, adminInit('PATCH', body));
    expect(res.status).toBe(200);
    return (await res.json()) as FollowupDetail;
  };
  /** Six follow-ups, user-0 … user-5, one hour apart from Friday 15:00, scored 5 0 3 0 6 2. */
  async function six() {
    for (const [i, score] of [5, 0, 3, 0, 6, 2].entries()) await low(`six${i}`, `user-${i}`, score, FRIDAY + i * HOUR);
    const { items } = await list('?sort=oldest');
    return items.map((f) => f.id);
  }
  /** Every user of the list, following nextCursor `size` at a time. */
  async function allPages(query: string, size: number) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: FollowupPage = await list(`?limit=${size}&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...users(page));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('gives each follow-up a due date 2 business days after the answer (Friday → Tuesday) and whether it is overdue', async () => {
    await low('fri', 'friday-user', 3, FRIDAY);
    await low('now', 'today-user', 3, Date.now());
    const { items } = await list();
    expect(items.map((f) => [f.userId, f.dueAt, f.overdue])).toEqual([
      ['today-user', followupDueAt(new Date(items[0]!.response.createdAt)).toISOString(), false],
      ['friday-user', new Date(FRIDAY + 4 * 24 * HOUR).toISOString(), true],
    ]);
  });

  it('moves and clears the due date with a `due` history entry; resolving ends overdue', async () => {
    await low('a', 'user-a', 1, Date.now());
    const [item] = (await list()).items;
    const past = new Date(Date.now() - HOUR).toISOString();
    const moved = await patch(item!.id, { dueAt: past });
    expect(moved).toMatchObject({ dueAt: past, overdue: true });
    expect(moved.history.at(-1)).toEqual({ at: expect.any(String), actor: 'admin-token', action: 'due', from: item!.dueAt, to: past });
    expect((await patch(item!.id, { status: 'resolved' })).overdue).toBe(false);
    const cleared = await patch(item!.id, { status: 'open', dueAt: null });
    expect(cleared).toMatchObject({ dueAt: null, overdue: false });
    expect(cleared.history.at(-1)).toMatchObject({ action: 'due', from: past, to: null });
    const bad = await request(`/followups/${item!.id}`, adminInit('PATCH', { dueAt: 'next tuesday' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'dueAt' }] } });
  });

  it.each([
    ['newest', ['user-5', 'user-4', 'user-3', 'user-2', 'user-1', 'user-0']],
    ['oldest', ['user-0', 'user-1', 'user-2', 'user-3', 'user-4', 'user-5']],
    // user-3 moved to the day before; user-0 and user-5 have none: last, oldest first.
    ['due', ['user-3', 'user-1', 'user-2', 'user-4', 'user-0', 'user-5']],
    // Lowest score first, oldest first within a score.
    ['score', ['user-1', 'user-3', 'user-5', 'user-2', 'user-0', 'user-4']],
  ])('sorts by %s and pages that sort with nextCursor, every item once', async (sort, expected) => {
    const ids = await six();
    await patch(ids[0]!, { dueAt: null });
    await patch(ids[3]!, { dueAt: new Date(FRIDAY - 24 * HOUR).toISOString() });
    await patch(ids[5]!, { dueAt: null });
    expect(users(await list(`?sort=${sort}`))).toEqual(expected);
    for (const size of [1, 4]) expect(await allPages(`sort=${sort}`, size)).toEqual(expected);
  });

  it('pages a filtered tab the same way', async () => {
    const ids = await six();
    await patch(ids[2]!, { status: 'resolved' });
    expect(await allPages('status=open&sort=score', 2)).toEqual(['user-1', 'user-3', 'user-5', 'user-0', 'user-4']);
    expect(await allPages('status=open&sort=due&maxScore=3', 1)).toEqual(['user-1', 'user-3', 'user-5']);
  });

  it('refuses a cursor made for another sort with 400 naming cursor', async () => {
    await six();
    const { nextCursor } = await list('?limit=2&sort=score');
    expect(nextCursor).not.toBeNull();
    const res = await request(`/projects/${project.id}/followups?limit=2&sort=due&cursor=${nextCursor}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'cursor' }] } });
  });

  it('filters by assignee (none = unassigned), score, answer time and overdue, with counts per status under the same filters', async () => {
    const ids = await six();
    await addConsoleAccount(t, 'sato@acme.test');
    await addConsoleAccount(t, 'kato@acme.test');
    await patch(ids[0]!, { assignee: 'sato@acme.test', status: 'in_progress' });
    await patch(ids[1]!, { assignee: 'sato@acme.test', status: 'resolved' });
    await patch(ids[2]!, { assignee: 'kato@acme.test' });
    await patch(ids[3]!, { dueAt: new Date(Date.now() + 24 * HOUR).toISOString() });

    const sato = await list('?assignee=sato%40acme.test&sort=oldest');
    expect(users(sato)).toEqual(['user-0', 'user-1']);
    expect(sato.counts).toEqual({ open: 0, in_progress: 1, resolved: 1 });
    expect(users(await list('?assignee=sato%40acme.test&status=resolved'))).toEqual(['user-1']);
    const unassigned = await list('?assignee=none&sort=oldest');
    expect(users(unassigned)).toEqual(['user-3', 'user-4', 'user-5']);
    expect(unassigned.counts).toEqual({ open: 3, in_progress: 0, resolved: 0 });
    expect(users(await list('?minScore=2&maxScore=4&sort=oldest'))).toEqual(['user-2', 'user-5']);
    expect(users(await list('?minScore=5&sort=oldest'))).toEqual(['user-0', 'user-4']);
    const window = `from=${new Date(FRIDAY + HOUR).toISOString()}&to=${new Date(FRIDAY + 3 * HOUR).toISOString()}`;
    expect(users(await list(`?${window}&sort=oldest`))).toEqual(['user-1', 'user-2']);
    // Every answer is from 2025: past due except the resolved one and the one moved to tomorrow.
    const overdue = await list('?overdue=true&sort=oldest');
    expect(users(overdue)).toEqual(['user-0', 'user-2', 'user-4', 'user-5']);
    expect(overdue.counts).toEqual({ open: 3, in_progress: 1, resolved: 0 });
    expect(users(await list('?overdue=true&status=open&sort=due'))).toEqual(['user-2', 'user-4', 'user-5']);
    expect((await list('?overdue=false')).items).toHaveLength(6);
    const all = await list('?status=open');
    expect(all.counts).toEqual({ open: 4, in_progress: 1, resolved: 1 });
    expect(all.items).toHaveLength(4);
  });

  it.each([
    ['?minScore=-1', 'minScore'],
    ['?maxScore=11', 'maxScore'],
    ['?minScore=x', 'minScore'],
    ['?minScore=5&maxScore=2', 'maxScore'],
    ['?sort=random', 'sort'],
    ['?overdue=yes', 'overdue'],
    ['?assignee=', 'assignee'],
    ['?from=yesterday', 'from'],
    ['?from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z', 'to'],
  ])('answers 400 invalid_query for %s naming %s', async (query, path) => {
    const res = await request(`/projects/${project.id}/followups${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path }] } });
  });

  it("reads a follow-up with the same user's other answers in the project, newest first, at most 20", async () => {
    await low('old', 'kenji', 8, FRIDAY - 48 * HOUR, { comment: 'まあまあ', factors: { support: 1 } });
    await low('now', 'kenji', 2, FRIDAY, { comment: '遅い' });
    for (let i = 0; i < 21; i++) await low(`more${i}`, 'kenji', 9, FRIDAY + (i + 1) * HOUR);
    await low('else', 'someone-else', 9, FRIDAY);
    const other = await seedProject(t.store);
    await t.store.responses.record(newAnswer({ projectId: other.project.id, surveyId: other.survey.id }, { clientId: cid('other-project'), userId: 'kenji' }));

    const followup = (await list()).items.find((f) => f.responseId === cid('now'))!;
    const res = await request(`/followups/${followup.id}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as FollowupDetail;
    expect(detail.earlierResponses).toHaveLength(20);
    expect(detail.earlierResponses[0]).toEqual({
      id: cid('more20'),
      surveyId: survey.id,
      score: 9,
      category: 'promoter',
      comment: null,
      factors: {},
      createdAt: new Date(FRIDAY + 21 * HOUR).toISOString(),
    });
    expect(detail.earlierResponses.map((r) => r.id)).not.toContain(cid('now'));

    // With fewer, the oldest one is there with its comment and factors.
    const fewer = await seedProject(t.store);
    const inFewer = { projectId: fewer.project.id, surveyId: fewer.survey.id };
    await t.store.responses.record(newAnswer(inFewer, { clientId: cid('f-old'), userId: 'mika', score: 8, comment: 'ok', factors: { support: 1 }, at: new Date(FRIDAY - HOUR) }));
    await t.store.responses.record(newAnswer(inFewer, { clientId: cid('f-new'), userId: 'mika', score: 1, at: new Date(FRIDAY) }));
    const [mika] = (await (await request(`/projects/${fewer.project.id}/followups`)).json() as FollowupPage).items;
    const read = (await (await request(`/followups/${mika!.id}`)).json()) as FollowupDetail;
    expect(read.earlierResponses).toEqual([
      { id: cid('f-old'), surveyId: fewer.survey.id, score: 8, category: 'passive', comment: 'ok', factors: { support: 1 }, createdAt: new Date(FRIDAY - HOUR).toISOString() },
    ]);
    // PATCH answers with the same shape.
    expect(await patch(mika!.id, { note: 'called' })).toMatchObject({ earlierResponses: read.earlierResponses });
  });
});
