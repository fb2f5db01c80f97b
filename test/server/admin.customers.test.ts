import { describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import type { Role } from '../../shared/roles.ts';
import type { CustomerExport, Erasure } from '../../shared/schemas/customer.ts';
import type { FollowupPage } from '../../shared/schemas/followup.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, consoleSessionCookie, eachTestServer, postInit, seedProject, type TestServer } from './helpers.ts';

const PASSWORD = 'correct horse battery';
/** An end-user id that needs encoding in a path. */
const USER = 'user/ü 1';

describe('admin API: customers (privacy requests)', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const customerPath = (userId = USER, projectId = project.id) => `/api/v1/admin/projects/${projectId}/customers/${encodeURIComponent(userId)}`;

  /** The user as the widget records them: identified with attributes, a detractor answer with a comment, a dismissal. */
  async function seedUser(userId = USER, id = 'answer') {
    const state = await t.app.request(`/api/v1/client/${project.key}/state`, postInit({ userId, attributes: { plan: 'pro', email: 'u@example.com' } }));
    expect(state.status).toBe(200);
    const answer = { id: cid(id), surveyId: survey.id, userId, score: 2, factors: { support: -3 }, comment: 'Terrible support', locale: 'ja', attributes: { plan: 'pro' } };
    expect((await t.app.request(`/api/v1/client/${project.key}/responses`, postInit(answer))).status).toBe(201);
    const events = { events: [{ id: cid(`${id}_ev`), userId, type: 'survey_shown', surveyId: survey.id }] };
    expect((await t.app.request(`/api/v1/client/${project.key}/events`, postInit(events))).status).toBe(202);
    return answer;
  }

  const distribution = async () => {
    const res = await t.app.request(`/api/v1/admin/surveys/${survey.id}/dashboard`, adminInit('GET'));
    return ((await res.json()) as { distribution: number[] }).distribution;
  };

  it('exports everything about a user as a JSON download', async () => {
    await seedUser();
    const res = await t.app.request(`${customerPath()}/export`, adminInit('GET'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kizuna-customer-prj_[A-Za-z0-9]+-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = (await res.json()) as CustomerExport;
    expect(body).toMatchObject({
      projectId: project.id,
      userId: USER,
      profile: { attributes: { plan: 'pro', email: 'u@example.com' } },
      responses: [{ id: cid('answer'), score: 2, factors: { support: -3 }, comment: 'Terrible support', locale: 'ja', attributes: { plan: 'pro' } }],
      events: [{ id: cid('answer_ev'), type: 'survey_shown', surveyId: survey.id }],
      followups: [{ responseId: cid('answer'), status: 'open', history: [{ action: 'created' }] }],
    });
  });

  it('answers 404 customer_not_found for a user nothing is stored about, and project_not_found for an unknown project', async () => {
    for (const path of [`${customerPath('nobody')}/export`, customerPath('nobody')]) {
      const res = await t.app.request(path, adminInit(path.endsWith('export') ? 'GET' : 'DELETE'));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('customer_not_found');
    }
    const res = await t.app.request(customerPath(USER, 'prj_missing'), adminInit('DELETE'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('project_not_found');
    expect(((await (await t.app.request(`/api/v1/admin/projects/${project.id}/erasures`, adminInit('GET'))).json()) as { items: Erasure[] }).items).toEqual([]);
  });

  it('erases a user, keeping the score counts, logging who did it; a re-sent answer is refused', async () => {
    const answer = await seedUser();
    await seedUser('someone-else', 'other');
    const before = await distribution();

    const res = await t.app.request(customerPath(), adminInit('DELETE'));
    expect(res.status).toBe(200);
    const erased = (await res.json()) as Erasure;
    expect(erased).toMatchObject({ userId: USER, actor: 'admin-token', erased: { responses: 1, events: 1, profile: 1, guideProgress: 0, notes: 0 } });

    expect((await t.app.request(`${customerPath()}/export`, adminInit('GET'))).status).toBe(404);
    expect(await distribution()).toEqual(before);
    const followups = (await (await t.app.request(`/api/v1/admin/projects/${project.id}/followups`, adminInit('GET'))).json()) as FollowupPage;
    expect(followups.items).toHaveLength(2);
    expect(followups.items.map((f) => f.userId)).not.toContain(USER);
    expect(followups.items.find((f) => f.userId.startsWith('erased_'))?.response).toMatchObject({ score: 2, comment: null, factors: { support: -3 } });

    // The offline widget sends the same answer again: it must not come back to the anonymous row.
    const resent = await t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ ...answer, comment: 'sent again' }));
    expect(resent.status).toBe(409);
    expect((await t.app.request(`${customerPath()}/export`, adminInit('GET'))).status).toBe(404);

    const log = (await (await t.app.request(`/api/v1/admin/projects/${project.id}/erasures`, adminInit('GET'))).json()) as { items: Erasure[] };
    expect(log.items).toEqual([erased]);
  });

  it('lets owners and admins erase, not product or cs (who may still read the log)', async () => {
    await seedUser();
    const cookies = {} as Record<Role, string>;
    for (const role of ['owner', 'admin', 'product', 'cs'] as const) {
      await createAccount(t.auth(false), { email: `${role}@example.com`, password: PASSWORD, role });
      cookies[role] = await consoleSessionCookie(t, `${role}@example.com`, PASSWORD);
    }
    const as = (role: Role, method: string, path: string) => t.app.request(path, { method, headers: { cookie: cookies[role], origin: 'http://localhost' } });
    for (const role of ['product', 'cs'] as const) {
      const res = await as(role, 'DELETE', customerPath());
      expect(res.status).toBe(403);
      // Refused as a privacy change, not as a project setting.
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'forbidden', message: `the ${role} role cannot change privacy` });
    }
    expect((await as('cs', 'GET', `/api/v1/admin/projects/${project.id}/erasures`)).status).toBe(200);
    const res = await as('admin', 'DELETE', customerPath());
    expect(res.status).toBe(200);
    expect(((await res.json()) as Erasure).actor).toBe('admin@example.com');
    await seedUser(USER, 'again');
    expect((await as('owner', 'DELETE', customerPath())).status).toBe(200);
  });
});
