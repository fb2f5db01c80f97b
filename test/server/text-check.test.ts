import { describe, expect, it } from 'vitest';
import { findBadText, MAX_BAD_TEXT_ISSUES } from '../../server/text-check.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, cid, eachTestServer, postInit, seedGuide, seedProject, type TestServer } from './helpers.ts';

/** JSON text as a client sends it: `"\ud800"` (a lone surrogate) and `"\u0000"` (NUL) written as JSON escapes. */
const json = (text: string) => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });

describe('findBadText', () => {
  it('reports NULs, lone surrogates and reserved keys with their dotted paths, in the order sent, the first few only', () => {
    const value = JSON.parse(
      '{"ok":"絆 😀","comment":"a\\u0000b","attributes":{"__proto__":{"x":1},"plan":"\\ud800","k\\u0000":2},"events":[{"userId":"\\udc00x"}],"constructor":1}',
    );
    expect(findBadText(value)).toEqual([
      { path: 'comment', message: 'contains a NUL character (U+0000)' },
      { path: 'attributes.__proto__', message: '"__proto__" is not allowed as a key' },
      { path: 'attributes.plan', message: 'contains a lone UTF-16 surrogate, which is not Unicode text' },
      { path: 'attributes.k\\u0000', message: 'the key contains a NUL character (U+0000)' },
      { path: 'events.0.userId', message: 'contains a lone UTF-16 surrogate, which is not Unicode text' },
    ]);
    // The sixth (`constructor`) is past the first MAX_BAD_TEXT_ISSUES.
    expect(findBadText(value, 6).at(-1)).toEqual({ path: 'constructor', message: '"constructor" is not allowed as a key' });
    expect(findBadText(JSON.parse('[{"prototype":1}]'))).toEqual([{ path: '0.prototype', message: '"prototype" is not allowed as a key' }]);
  });

  it('passes real text, emoji (surrogate pairs) included, and stops after a few issues, however deep or long the value', () => {
    expect(findBadText({ a: ['ja 日本語', '😀', { b: 'tab\tand\nnewline' }], n: 1, z: null, t: true })).toEqual([]);
    expect(findBadText(Array.from({ length: 10_000 }, () => '\u0000'))).toHaveLength(MAX_BAD_TEXT_ISSUES);
    expect(findBadText(JSON.parse(`${'['.repeat(50_000)}"\\u0000"${']'.repeat(50_000)}`))).toEqual([{ path: Array(50_000).fill('0').join('.'), message: expect.any(String) }]);
  });
});

describe('text that is not text is refused with a 400 naming the field, storing nothing', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const client = (path: string, init: RequestInit) => t.app.request(`/api/v1/client/${project.key}${path}`, init);
  const admin = async <T = any>(method: string, path: string, body?: unknown) => {
    const res = await t.app.request(`/api/v1/admin${path}`, adminInit(method, body));
    return { status: res.status, body: (await res.json()) as T };
  };
  const expectRefused = async (res: Response, code: string, path: string) => {
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe(code);
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  };
  const answers = async () => (await admin('GET', `/surveys/${survey.id}/report`)).body.total;

  it('answers: a NUL in the comment, a lone surrogate in the userId or an attribute, a __proto__ attribute', async () => {
    const answer = (fields: string) => client('/responses', json(`{"id":"${cid('ans')}","surveyId":"${survey.id}","score":3,${fields}}`));
    await expectRefused(await answer('"userId":"u1","comment":"ok\\u0000<script>"'), 'invalid_body', 'comment');
    await expectRefused(await answer('"userId":"u\\ud800"'), 'invalid_body', 'userId');
    await expectRefused(await answer('"userId":"u1","attributes":{"plan":"pro\\udfff"}'), 'invalid_body', 'attributes.plan');
    await expectRefused(await answer('"userId":"u1","attributes":{"__proto__":{"admin":true}}'), 'invalid_body', 'attributes.__proto__');
    await expectRefused(await answer('"userId":"u1","attributes":{"pl\\u0000an":"pro"}'), 'invalid_body', 'attributes.pl\\u0000an');
    expect(await answers()).toBe(0);
    expect((await admin('GET', `/projects/${project.id}/followups`)).body.items).toEqual([]);
    // The same answer in real text is stored.
    expect((await answer('"userId":"u1","comment":"良い 😀"')).status).toBe(201);
    expect(await answers()).toBe(1);
  });

  it('events: a constructor key in track props refuses the whole batch', async () => {
    const guide = await seedGuide(t.store, project.id);
    const batch = `{"events":[{"id":"${cid('ev1')}","type":"guide_shown","guideId":"${guide.id}","userId":"u1"},{"id":"${cid('ev2')}","type":"track","name":"x","userId":"u1","props":{"constructor":"y"}}]}`;
    await expectRefused(await client('/events', json(batch)), 'invalid_body', 'events.1.props.constructor');
    expect((await admin('GET', `/guides/${guide.id}/report`)).body.shown).toBe(0);
  });

  it('state (identify): a lone surrogate in an attribute value is not kept for later decisions', async () => {
    await admin('PATCH', `/surveys/${survey.id}`, { audience: { all: [{ attribute: 'plan', op: 'exists' }] } });
    await expectRefused(await client('/state', json('{"userId":"u1","attributes":{"plan":"\\ud83d"}}')), 'invalid_body', 'attributes.plan');
    // GET answers from the attributes stored last: none were.
    const later = await client('/state?userId=u1', { method: 'GET' });
    expect((await later.json()).surveys).toEqual([]);
  });

  it('admin bodies: a survey name with a NUL, a __proto__ key, a follow-up note with a lone surrogate', async () => {
    const rename = await t.app.request(`/api/v1/admin/surveys/${survey.id}`, { ...adminInit('PATCH'), headers: { ...adminInit('PATCH').headers, 'content-type': 'application/json' }, body: '{"name":"NPS\\u0000 2"}' });
    await expectRefused(rename, 'invalid_body', 'name');
    const proto = await t.app.request(`/api/v1/admin/surveys/${survey.id}`, { ...adminInit('PATCH'), headers: { ...adminInit('PATCH').headers, 'content-type': 'application/json' }, body: '{"name":"Renamed","__proto__":{"active":false}}' });
    await expectRefused(proto, 'invalid_body', '__proto__');
    expect((await admin('GET', `/surveys/${survey.id}`)).body).toMatchObject({ name: 'NPS', active: true });

    expect((await client('/responses', postInit({ id: cid('det'), surveyId: survey.id, userId: 'u1', score: 2 }))).status).toBe(201);
    const [followup] = (await admin('GET', `/projects/${project.id}/followups`)).body.items;
    const note = await t.app.request(`/api/v1/admin/followups/${followup.id}`, { ...adminInit('PATCH'), headers: { ...adminInit('PATCH').headers, 'content-type': 'application/json' }, body: '{"note":"called \\udc00"}' });
    await expectRefused(note, 'invalid_body', 'note');
    expect((await admin('GET', `/followups/${followup.id}`)).body.history).toEqual([expect.objectContaining({ action: 'created' })]);
  });

  it('ids and query strings: %00 or an encoded lone surrogate (%ED%A0%80) in a path parameter or a query value', async () => {
    await expectRefused(await t.app.request('/api/v1/admin/surveys/srv%00x', adminInit('GET')), 'invalid_path', 'surveyId');
    await expectRefused(await t.app.request('/api/v1/admin/surveys/%ED%A0%80/report', adminInit('GET')), 'invalid_path', 'surveyId');
    await expectRefused(await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments?q=a%00b`, adminInit('GET')), 'invalid_query', 'q');
    await expectRefused(await client('/state?userId=%ED%A0%80', { method: 'GET' }), 'invalid_query', 'userId');
    await expectRefused(await t.app.request(`/api/v1/client/pk%00/state?userId=u1`), 'invalid_path', 'projectKey');
    // Real text, percent-encoded, and a stray % still pass.
    expect((await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments?q=${encodeURIComponent('良い 100%')}`, adminInit('GET'))).status).toBe(200);
    expect((await t.app.request(`/api/v1/admin/surveys/${survey.id}/comments?q=100%`, adminInit('GET'))).status).toBe(200);
  });
});
