import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { addConsoleAccount, ACCOUNT_PASSWORD, adminInit, cid, consoleSessionCookie, eachTestServer, postInit, seedGuide, seedProject, type TestServer } from './helpers.ts';

describe('archive and delete surveys, guides and projects (admin API)', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  let guide: Guide;
  eachTestServer(
    async (store) => {
      const seeded = await seedProject(store);
      return { ...seeded, guide: await seedGuide(store, seeded.project.id) };
    },
    (s) => ({ t, project, survey, guide } = s),
  );

  const admin = (method: string, path: string, body?: unknown) => t.app.request(`/api/v1/admin${path}`, adminInit(method, body));
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  const listIds = async (path: string) => (await json<{ items: Array<{ id: string }> }>(admin('GET', path))).items.map((item) => item.id);

  let n = 0;
  const answer = (score: number, userId = 'user-1', surveyId = survey.id) =>
    t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: cid(`a${++n}`), surveyId, userId, score, comment: `comment ${n}` }));
  const guideEvents = (userId: string) =>
    t.app.request(
      `/api/v1/client/${project.key}/events`,
      postInit({ events: [{ id: cid(`g${++n}`), userId, type: 'guide_shown', guideId: guide.id }, { id: cid(`g${++n}`), userId, type: 'guide_completed', guideId: guide.id }] }),
    );

  describe('archive', () => {
    it('archives a survey: out of the list unless asked, its report, comments, CSV and follow-ups still readable; unarchives it', async () => {
      expect((await answer(3)).status).toBe(201);
      const res = await admin('PATCH', `/surveys/${survey.id}`, { archived: true });
      expect(res.status).toBe(200);
      const archived = await json<Survey>(res);
      expect(archived).toMatchObject({ id: survey.id, active: true, archivedAt: expect.any(String) });
      expect(await json(admin('GET', `/surveys/${survey.id}`))).toEqual(archived);

      expect(await listIds(`/projects/${project.id}/surveys`)).toEqual([]);
      expect(await listIds(`/projects/${project.id}/surveys?archived=include`)).toEqual([survey.id]);
      expect(await listIds(`/projects/${project.id}/surveys?archived=only`)).toEqual([survey.id]);

      expect(await json(admin('GET', `/surveys/${survey.id}/report`))).toMatchObject({ total: 1 });
      expect(await json(admin('GET', `/surveys/${survey.id}/dashboard`))).toMatchObject({ current: { total: 1 } });
      expect((await json<{ items: unknown[] }>(admin('GET', `/surveys/${survey.id}/comments`))).items).toHaveLength(1);
      expect((await json<{ items: unknown[] }>(admin('GET', `/projects/${project.id}/followups`))).items).toHaveLength(1);
      expect(await (await admin('GET', `/projects/${project.id}/responses.csv`)).text()).toContain('comment 1');

      expect(await json(admin('PATCH', `/surveys/${survey.id}`, { archived: false }))).toMatchObject({ archivedAt: null });
      expect(await listIds(`/projects/${project.id}/surveys`)).toEqual([survey.id]);
    });

    it('archives and unarchives a guide, whose report stays readable', async () => {
      await guideEvents('user-1');
      expect(await json(admin('PATCH', `/guides/${guide.id}`, { archived: true }))).toMatchObject({ archivedAt: expect.any(String) });
      expect(await listIds(`/projects/${project.id}/guides`)).toEqual([]);
      expect(await listIds(`/projects/${project.id}/guides?archived=include`)).toEqual([guide.id]);
      expect(await json(admin('GET', `/guides/${guide.id}/report`))).toMatchObject({ shown: 1, completed: 1 });
      expect(await json(admin('PATCH', `/guides/${guide.id}`, { archived: false }))).toMatchObject({ archivedAt: null });
      expect(await listIds(`/projects/${project.id}/guides`)).toEqual([guide.id]);
    });

    it('archives a project: out of the list unless asked, still read by id with its surveys', async () => {
      const other = await json<Project>(admin('POST', '/projects', { name: 'Other' }));
      const archived = await json<Project>(admin('PATCH', `/projects/${project.id}`, { archived: true }));
      expect(archived).toMatchObject({ id: project.id, name: 'Acme', archivedAt: expect.any(String) });
      expect(await listIds('/projects')).toEqual([other.id]);
      expect(await listIds('/projects?archived=include')).toEqual([project.id, other.id]);
      expect(await listIds('/projects?archived=only')).toEqual([project.id]);
      expect(await json(admin('GET', `/projects/${project.id}`))).toEqual(archived);
      expect(await listIds(`/projects/${project.id}/surveys`)).toEqual([survey.id]);
      expect(await json(admin('PATCH', `/projects/${project.id}`, { archived: false }))).toMatchObject({ archivedAt: null });
    });

    it('answers 400 naming the field for a bad archived filter or flag', async () => {
      for (const path of ['/projects?archived=yes', `/projects/${project.id}/surveys?archived=1`, `/projects/${project.id}/guides?archived=all`]) {
        const res = await admin('GET', path);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'archived' }] } });
      }
      const res = await admin('PATCH', `/surveys/${survey.id}`, { archived: 'yes' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'archived' }] } });
    });
  });

  describe('delete', () => {
    it('deletes a survey without answers (204), then 404', async () => {
      expect((await admin('DELETE', `/surveys/${survey.id}`)).status).toBe(204);
      expect((await admin('GET', `/surveys/${survey.id}`)).status).toBe(404);
      const again = await admin('DELETE', `/surveys/${survey.id}`);
      expect(again.status).toBe(404);
      expect(await again.json()).toMatchObject({ error: { code: 'survey_not_found' } });
    });

    it('refuses a survey with answers with 409 has_answers and how many, then deletes them with ?force=true', async () => {
      await answer(2);
      await answer(9, 'user-2');
      const [followup] = (await json<{ items: Array<{ id: string }> }>(admin('GET', `/projects/${project.id}/followups`))).items;
      await admin('PATCH', `/followups/${followup!.id}`, { note: 'called them' });

      const refused = await admin('DELETE', `/surveys/${survey.id}`);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({ error: { code: 'has_answers', message: expect.stringContaining('2 answers'), answers: 2 } });
      expect((await admin('DELETE', `/surveys/${survey.id}?force=false`)).status).toBe(409);
      expect((await admin('GET', `/surveys/${survey.id}`)).status).toBe(200);

      expect((await admin('DELETE', `/surveys/${survey.id}?force=true`)).status).toBe(204);
      expect((await admin('GET', `/surveys/${survey.id}`)).status).toBe(404);
      expect((await admin('GET', `/followups/${followup!.id}`)).status).toBe(404);
      expect((await json<{ items: unknown[] }>(admin('GET', `/projects/${project.id}/followups`))).items).toEqual([]);
    });

    it('answers 400 naming force for anything but true or false', async () => {
      const res = await admin('DELETE', `/surveys/${survey.id}?force=yes`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'force' }] } });
    });

    it('refuses a guide its users have started, counting users, and deletes it with ?force=true', async () => {
      await guideEvents('user-1');
      await guideEvents('user-2');
      const refused = await admin('DELETE', `/guides/${guide.id}`);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: { code: 'has_answers', answers: 2 } });
      expect((await admin('DELETE', `/guides/${guide.id}?force=true`)).status).toBe(204);
      expect((await admin('GET', `/guides/${guide.id}`)).status).toBe(404);
      expect((await admin('DELETE', `/guides/${guide.id}`)).status).toBe(404);
    });

    it('refuses a project with answers, and with ?force=true deletes it with everything in it, erasure log included', async () => {
      await answer(1);
      await guideEvents('user-1');
      t.run(`INSERT INTO erasures (id, project_id, user_id, actor, at, summary) VALUES ('er_1', ?, 'gone', 'owner@acme.test', 1, '{}')`, project.id);
      const refused = await admin('DELETE', `/projects/${project.id}`);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: { code: 'has_answers', answers: 2 } });

      expect((await admin('DELETE', `/projects/${project.id}?force=true`)).status).toBe(204);
      expect((await admin('GET', `/projects/${project.id}`)).status).toBe(404);
      expect((await admin('GET', `/surveys/${survey.id}`)).status).toBe(404);
      expect((await admin('GET', `/guides/${guide.id}`)).status).toBe(404);
      expect(await listIds('/projects?archived=include')).toEqual([]);
      // No API reads the erasure log of a project that is gone.
      expect(t.count('erasures')).toBe(0);
      expect((await t.app.request(`/api/v1/client/${project.key}/state?userId=user-1`)).status).toBe(404);
    });
  });

  describe('permissions', () => {
    const as = async (role: Role) => {
      await addConsoleAccount(t, `${role}@acme.test`, role);
      const cookie = await consoleSessionCookie(t, `${role}@acme.test`, ACCOUNT_PASSWORD);
      return (method: string, path: string, body?: unknown) =>
        t.app.request(`/api/v1/admin${path}`, {
          method,
          headers: { cookie, origin: 'http://localhost', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
    };

    it('lets product archive and delete surveys and guides, but not archive a project', async () => {
      const product = await as('product');
      expect((await product('PATCH', `/surveys/${survey.id}`, { archived: true })).status).toBe(200);
      expect((await product('PATCH', `/guides/${guide.id}`, { archived: true })).status).toBe(200);
      expect((await product('PATCH', `/projects/${project.id}`, { archived: true })).status).toBe(403);
      expect((await product('DELETE', `/projects/${project.id}`)).status).toBe(403);
      expect((await product('DELETE', `/guides/${guide.id}`)).status).toBe(204);
      expect((await product('DELETE', `/surveys/${survey.id}`)).status).toBe(204);
    });

    it('lets admin archive a project but keeps deleting one to owners', async () => {
      const admin = await as('admin');
      expect((await admin('PATCH', `/projects/${project.id}`, { archived: true })).status).toBe(200);
      const refused = await admin('DELETE', `/projects/${project.id}`);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      expect((await admin('DELETE', `/surveys/${survey.id}`)).status).toBe(403);
      const owner = await as('owner');
      expect((await owner('DELETE', `/projects/${project.id}`)).status).toBe(204);
    });

    it('keeps cs from archiving or deleting surveys and guides', async () => {
      const cs = await as('cs');
      expect((await cs('PATCH', `/surveys/${survey.id}`, { archived: true })).status).toBe(403);
      expect((await cs('DELETE', `/guides/${guide.id}`)).status).toBe(403);
    });
  });
});
