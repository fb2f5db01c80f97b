import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ISSUES } from '../../server/errors.ts';
import { adminInit, cid, eachTestServer, makeTestServer, postInit, seedProject, type TestServer } from './helpers.ts';
import { captureLog } from './log-capture.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';

describe('error handling', () => {
  it('answers an unexpected failure with a bare 500 internal_error and logs it with the request id', async () => {
    const log = captureLog();
    const t = makeTestServer({ logger: log.logger });
    // A closed database makes every query throw, as a disk failure would.
    await t.store.close();
    const res = await t.app.request('/api/v1/admin/projects', adminInit('GET'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal_error', message: 'internal server error' } });
    const failure = log.entries().find((entry) => entry.msg === 'request failed');
    expect(failure).toMatchObject({ level: 50, method: 'GET', path: '/api/v1/admin/projects', requestId: res.headers.get('x-request-id'), err: { type: 'TypeError' } });
    expect(failure!.requestId).toEqual(expect.any(String));
    await t.close();
  });
});

describe('errors with many issues (amplification)', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  // 64 KB of keys: each would otherwise come back twice, in `issues` and in `message`.
  const manyKeys = Object.fromEntries(Array.from({ length: 6_500 }, (_, i) => [`k${i}`, 1]));

  /** The 400 is small, lists 20 issues and counts the rest, in `omittedIssues` and at the end of `message`. */
  const expectCapped = async (res: Response) => {
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(8_192);
    const { error } = JSON.parse(text);
    expect(error.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(error.omittedIssues).toBeGreaterThan(0);
    expect(error.message.split('; ')).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(error.message).toMatch(new RegExp(`; and ${error.omittedIssues} more$`));
    return error;
  };

  it('lists the first 20 issues of a client body with 6,500 bad keys and counts the rest', async () => {
    const body = { id: cid('amp'), surveyId: survey.id, userId: 'u1', score: 3, factors: manyKeys };
    expect(JSON.stringify(body).length).toBeGreaterThan(60_000);
    const error = await expectCapped(await t.app.request(`/api/v1/client/${project.key}/responses`, postInit(body)));
    expect(error.omittedIssues).toBe(6_500 - MAX_LISTED_ISSUES);
    expect(error.issues[0]).toEqual({ path: 'factors.k0', message: '"k0" is not a touchpoint of this survey' });
  });

  it('caps the issues of an admin body the same way', async () => {
    // 20 touchpoints with a bad key and an empty label each, 20 conditions with a bad operator: over 60 issues.
    const body = {
      ...manyKeys,
      name: 'Many issues',
      touchpoints: Array.from({ length: 20 }, () => ({ key: '!', label: '' })),
      audience: { all: Array.from({ length: 20 }, () => ({ attribute: 'plan', op: 'nope' })) },
    };
    const error = await expectCapped(await t.app.request(`/api/v1/admin/projects/${project.id}/surveys`, adminInit('POST', body)));
    expect(error.omittedIssues).toBeGreaterThanOrEqual(40);
    expect(error.issues[0].path).toBe('touchpoints.0.key');
  });

  it('cuts a long path or message short', async () => {
    const key = 'x'.repeat(5_000);
    const res = await t.app.request(`/api/v1/client/${project.key}/responses`, postInit({ id: cid('long'), surveyId: survey.id, userId: 'u1', score: 3, factors: { [key]: 1 } }));
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeLessThan(2_000);
  });
});
