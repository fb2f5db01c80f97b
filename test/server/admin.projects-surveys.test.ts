import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { DEFAULT_QUESTION } from '../../shared/schemas/survey.ts';
import { ADMIN_TOKEN, adminInit, makeTestServer, TOUCHPOINTS, eachTestServer, type TestServer } from './helpers.ts';

describe('admin API: auth', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer();
  });
  afterEach(() => t.close());

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['the right token under another scheme', { authorization: `Basic ${ADMIN_TOKEN}` }],
    ['a token prefix', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
  ])('answers 401 JSON with WWW-Authenticate for %s', async (_label, headers) => {
    const res = await t.app.request('/api/v1/admin/projects', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses writes without the token, storing nothing', async () => {
    const res = await t.app.request('/api/v1/admin/projects', { ...adminInit('POST', { name: 'X' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
    expect(t.count('projects')).toBe(0);
  });
});

describe('admin API: projects', () => {
  let t: TestServer;
  beforeEach(() => {
    t = makeTestServer();
  });
  afterEach(() => t.close());

  const create = async (body: unknown) => t.app.request('/api/v1/admin/projects', adminInit('POST', body));

  it('creates a project with a pk_ key and normalised origins', async () => {
    const res = await create({ name: '  Acme  ', allowedOrigins: ['https://App.Acme.test/', 'http://localhost:3000'] });
    expect(res.status).toBe(201);
    const project = (await res.json()) as Project;
    expect(project).toMatchObject({ name: 'Acme', allowedOrigins: ['https://app.acme.test', 'http://localhost:3000'] });
    expect(project.key).toMatch(/^pk_/);
    expect(Date.parse(project.createdAt)).not.toBeNaN();
  });

  it('lists, reads and updates projects; a PATCH of the name keeps the origins', async () => {
    const project = (await (await create({ name: 'Acme', allowedOrigins: ['https://a.test'] })).json()) as Project;
    const list = await t.app.request('/api/v1/admin/projects', adminInit('GET'));
    expect(await list.json()).toEqual({ items: [project] });
    expect(await (await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('GET'))).json()).toEqual(project);

    const renamed = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { name: 'Acme KK' }));
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ ...project, name: 'Acme KK' });
    const opened = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { allowedOrigins: [] }));
    expect(await opened.json()).toEqual({ ...project, name: 'Acme KK', allowedOrigins: [] });
  });

  it('starts one survey or guide per page view unless told otherwise, and changes that by PATCH', async () => {
    const project = (await (await create({ name: 'Acme' })).json()) as Project;
    expect(project.maxStartsPerPageView).toBe(1);
    const patched = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { maxStartsPerPageView: 3 }));
    expect(await patched.json()).toEqual({ ...project, maxStartsPerPageView: 3 });
    expect(((await (await create({ name: 'Busy', maxStartsPerPageView: 2 })).json()) as Project).maxStartsPerPageView).toBe(2);
  });

  it.each([
    ['a missing name', { allowedOrigins: [] }, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['maxStartsPerPageView 0', { name: 'A', maxStartsPerPageView: 0 }, 'maxStartsPerPageView'],
    ['maxStartsPerPageView 11', { name: 'A', maxStartsPerPageView: 11 }, 'maxStartsPerPageView'],
    ['an origin with a path', { name: 'A', allowedOrigins: ['https://a.test/app'] }, 'allowedOrigins.0'],
    ['a non-http origin', { name: 'A', allowedOrigins: ['ftp://a.test'] }, 'allowedOrigins.0'],
  ])('answers 400 invalid_body naming the field for %s, storing nothing', async (_label, body, path) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string; issues: Array<{ path: string }> } };
    expect(json.error.code).toBe('invalid_body');
    expect(json.error.issues.map((i) => i.path)).toContain(path);
    expect(json.error.message).toContain(path);
    expect(t.count('projects')).toBe(0);
  });

  it('sets the LTV boundary of the matrix by PATCH, null going back to the median; a new project has none and no widget seen', async () => {
    const project = (await (await create({ name: 'Acme' })).json()) as Project;
    expect(project).toMatchObject({ ltvBoundary: null, lastSeen: null });
    const set = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { ltvBoundary: 150000 }));
    expect(await set.json()).toEqual({ ...project, ltvBoundary: 150000 });
    const cleared = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { ltvBoundary: null }));
    expect(await cleared.json()).toEqual(project);
    for (const ltvBoundary of ['150000', true]) {
      const res = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', { ltvBoundary }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'ltvBoundary' }] } });
    }
  });

  it('answers 400 for an empty PATCH', async () => {
    const project = (await (await create({ name: 'Acme' })).json()) as Project;
    const res = await t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('PATCH', {}));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_body' } });
  });

  it('answers 415 for a non-JSON body and 400 malformed_json for broken JSON', async () => {
    const form = await t.app.request('/api/v1/admin/projects', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Acme',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const broken = await t.app.request('/api/v1/admin/projects', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'malformed_json' } });
    expect(t.count('projects')).toBe(0);
  });

  it('answers 404 project_not_found for unknown ids', async () => {
    for (const init of [adminInit('GET'), adminInit('PATCH', { name: 'x' })]) {
      const res = await t.app.request('/api/v1/admin/projects/prj_nope', init);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'project_not_found' } });
    }
  });
});

describe('admin API: surveys', () => {
  let t: TestServer;
  let project: Project;
  eachTestServer(async (store) => ({ project: await store.projects.create({ name: 'Acme', allowedOrigins: [] }) }), (s) => ({ t, project } = s));

  const create = (body: unknown, projectId = project.id) => t.app.request(`/api/v1/admin/projects/${projectId}/surveys`, adminInit('POST', body));

  it('creates a survey with defaults filled in', async () => {
    const res = await create({ name: 'Relationship NPS', touchpoints: TOUCHPOINTS });
    expect(res.status).toBe(201);
    const survey = (await res.json()) as Survey;
    expect(survey).toEqual({
      id: expect.stringMatching(/^srv_/),
      projectId: project.id,
      name: 'Relationship NPS',
      question: DEFAULT_QUESTION,
      touchpoints: TOUCHPOINTS,
      detractorThreshold: 6,
      recontactDays: 90,
      delaySeconds: 5,
      sampleRate: 1,
      active: true,
      audience: null,
      priority: 0,
      archivedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('keeps an audience and a priority, and clears the audience with null', async () => {
    const audience = { all: [{ attribute: 'plan', op: 'eq', value: 'pro' }] };
    const res = await create({ name: 'Pro NPS', touchpoints: TOUCHPOINTS, audience, priority: 5 });
    expect(res.status).toBe(201);
    const survey = (await res.json()) as Survey;
    expect(survey).toMatchObject({ audience, priority: 5 });
    const cleared = await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('PATCH', { audience: null }));
    expect(await cleared.json()).toMatchObject({ audience: null, priority: 5 });
  });

  it('answers 400 naming the condition value for an audience rule without a fitting value', async () => {
    const res = await create({ name: 'NPS', touchpoints: [], audience: { all: [{ attribute: 'ltv', op: 'gte', value: true }] } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'audience.all.0.value' }] } });
  });

  it('lists, reads, updates and deactivates surveys', async () => {
    const survey = (await (await create({ name: 'NPS', touchpoints: TOUCHPOINTS })).json()) as Survey;
    expect(await (await t.app.request(`/api/v1/admin/projects/${project.id}/surveys`, adminInit('GET'))).json()).toEqual({ items: [survey] });
    expect(await (await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('GET'))).json()).toEqual(survey);

    const patched = await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('PATCH', { detractorThreshold: 4, touchpoints: [] }));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ ...survey, detractorThreshold: 4, touchpoints: [], updatedAt: expect.any(String) });

    const off = await t.app.request(`/api/v1/admin/surveys/${survey.id}/deactivate`, adminInit('POST'));
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ id: survey.id, active: false, detractorThreshold: 4 });
    expect((await t.store.surveys.get(survey.id))!.active).toBe(false);
  });

  it.each([
    ['duplicate touchpoint keys', { name: 'N', touchpoints: [TOUCHPOINTS[0], TOUCHPOINTS[0]] }, 'touchpoints.1.key'],
    ['a bad touchpoint key', { name: 'N', touchpoints: [{ key: 'Bad Key', label: 'x' }] }, 'touchpoints.0.key'],
    ['a threshold of 11', { name: 'N', touchpoints: [], detractorThreshold: 11 }, 'detractorThreshold'],
    ['a sample rate of 2', { name: 'N', touchpoints: [], sampleRate: 2 }, 'sampleRate'],
    ['missing touchpoints', { name: 'N' }, 'touchpoints'],
  ])('answers 400 naming the field for %s, storing nothing', async (_label, body, path) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(json.error.code).toBe('invalid_body');
    expect(json.error.issues.map((i) => i.path)).toContain(path);
    expect(t.count('surveys')).toBe(0);
  });

  it('answers 400 for an empty PATCH and 404 for unknown surveys and projects', async () => {
    const survey = (await (await create({ name: 'NPS', touchpoints: [] })).json()) as Survey;
    expect((await t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('PATCH', {}))).status).toBe(400);
    for (const [path, init] of [
      ['/api/v1/admin/surveys/srv_nope', adminInit('GET')],
      ['/api/v1/admin/surveys/srv_nope', adminInit('PATCH', { name: 'x' })],
      ['/api/v1/admin/surveys/srv_nope/deactivate', adminInit('POST')],
    ] as const) {
      const res = await t.app.request(path, init);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'survey_not_found' } });
    }
    expect((await create({ name: 'NPS', touchpoints: [] }, 'prj_nope')).status).toBe(404);
    expect((await t.app.request('/api/v1/admin/projects/prj_nope/surveys', adminInit('GET'))).status).toBe(404);
  });
});
