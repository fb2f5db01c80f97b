import { beforeEach, describe, expect, it } from 'vitest';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { adminInit, cid, GUIDE_STEPS, postInit, eachTestServer, type TestServer } from './helpers.ts';

describe('admin API: guides', () => {
  let t: TestServer;
  let project: Project;
  eachTestServer(async (store) => ({ project: await store.projects.create({ name: 'Acme', allowedOrigins: [] }) }), (s) => ({ t, project } = s));

  const create = (body: unknown, projectId = project.id) => t.app.request(`/api/v1/admin/projects/${projectId}/guides`, adminInit('POST', body));
  const createGuide = async (body: Record<string, unknown> = {}) => (await (await create({ name: 'Tour', steps: GUIDE_STEPS, ...body })).json()) as Guide;

  it('creates a guide with defaults filled in', async () => {
    const res = await create({ name: 'Tour', steps: GUIDE_STEPS });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: expect.stringMatching(/^gd_/),
      projectId: project.id,
      name: 'Tour',
      steps: GUIDE_STEPS.map((step) => ({ placement: 'auto', advance: 'next', spotlight: false, ...step })),
      trigger: { delaySeconds: 0 },
      audience: null,
      frequency: 'once',
      priority: 0,
      active: true,
      archivedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('lists, reads, updates and deactivates guides', async () => {
    const audience = { any: [{ attribute: 'plan', op: 'in', value: ['pro', 'enterprise'] }] };
    const guide = await createGuide({ trigger: { url: '/invoices*', event: 'invoice.opened', delaySeconds: 2 }, audience, frequency: 'always' });
    expect(guide).toMatchObject({ trigger: { url: '/invoices*', event: 'invoice.opened', delaySeconds: 2 }, audience, frequency: 'always' });
    expect(await (await t.app.request(`/api/v1/admin/projects/${project.id}/guides`, adminInit('GET'))).json()).toEqual({ items: [guide] });
    expect(await (await t.app.request(`/api/v1/admin/guides/${guide.id}`, adminInit('GET'))).json()).toEqual(guide);

    const patched = await t.app.request(`/api/v1/admin/guides/${guide.id}`, adminInit('PATCH', { steps: [GUIDE_STEPS[2]], audience: null, priority: 7 }));
    expect(patched.status).toBe(200);
    const updated = (await patched.json()) as Guide;
    expect(updated).toMatchObject({ steps: [{ title: 'Done' }], audience: null, priority: 7, trigger: guide.trigger, frequency: 'always' });
    expect(updated.steps).toHaveLength(1);

    const off = await t.app.request(`/api/v1/admin/guides/${guide.id}/deactivate`, adminInit('POST'));
    expect(await off.json()).toMatchObject({ id: guide.id, active: false });
  });

  const step = GUIDE_STEPS[0]!;
  it.each([
    ['more than 20 steps', { steps: Array.from({ length: 21 }, () => step) }, 'steps'],
    ['no steps', { steps: [] }, 'steps'],
    ['a number as target', { steps: [{ ...step, target: 42 }] }, 'steps.0.target'],
    ['a target object without a selector', { steps: [{ ...step, target: { text: 'Invoices' } }] }, 'steps.0.target'],
    ['an unknown placement', { steps: [{ ...step, placement: 'middle' }] }, 'steps.0.placement'],
    ['an unknown audience operator', { audience: { all: [{ attribute: 'plan', op: 'like', value: 'pro' }] } }, 'audience.all.0.op'],
    ['an "in" rule without a list', { audience: { all: [{ attribute: 'plan', op: 'in', value: 'pro' }] } }, 'audience.all.0.value'],
    ['a negative number of days', { audience: { all: [{ attribute: 'signedUpAt', op: 'newerThanDays', value: -1 }] } }, 'audience.all.0.value'],
    ['a trigger event name with spaces', { trigger: { event: 'opened invoice' } }, 'trigger.event'],
    ['an unknown frequency', { frequency: 'daily' }, 'frequency'],
  ])('answers 400 invalid_body naming the field for %s, storing nothing', async (_label, fields, path) => {
    const res = await create({ name: 'Tour', steps: GUIDE_STEPS, ...fields });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(json.error.code).toBe('invalid_body');
    expect(json.error.issues.map((i) => i.path)).toContain(path);
    expect(t.count('guides')).toBe(0);
  });

  it('answers 400 for an empty PATCH and 404 for unknown guides and projects', async () => {
    const guide = await createGuide();
    expect((await t.app.request(`/api/v1/admin/guides/${guide.id}`, adminInit('PATCH', {}))).status).toBe(400);
    for (const [path, init] of [
      ['/api/v1/admin/guides/gd_nope', adminInit('GET')],
      ['/api/v1/admin/guides/gd_nope', adminInit('PATCH', { name: 'x' })],
      ['/api/v1/admin/guides/gd_nope/deactivate', adminInit('POST')],
      ['/api/v1/admin/guides/gd_nope/report', adminInit('GET')],
    ] as const) {
      const res = await t.app.request(path, init);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'guide_not_found' } });
    }
    expect((await create({ name: 'Tour', steps: GUIDE_STEPS }, 'prj_nope')).status).toBe(404);
    expect((await t.app.request('/api/v1/admin/projects/prj_nope/guides', adminInit('GET'))).status).toBe(404);
  });

  describe('report', () => {
    let guide: Guide;
    let n = 0;
    beforeEach(async () => {
      guide = await createGuide();
    });

    const event = (userId: string, type: string, stepIndex?: number) => ({ id: cid(`event-${++n}`), type, guideId: guide.id, userId, stepIndex });
    const send = async (events: unknown[]) => {
      const res = await t.app.request(`/api/v1/client/${project.key}/events`, postInit({ events }));
      expect(res.status).toBe(202);
    };
    const report = async () => {
      const res = await t.app.request(`/api/v1/admin/guides/${guide.id}/report`, adminInit('GET'));
      expect(res.status).toBe(200);
      return res.json();
    };

    it('is all zeros, one entry per step, before anyone saw the guide', async () => {
      expect(await report()).toEqual({
        shown: 0,
        completed: 0,
        dismissed: 0,
        steps: [0, 1, 2].map((index) => ({ index, shown: 0, completed: 0 })),
      });
    });

    it('counts distinct users, so repeated events never count twice, with a funnel per step', async () => {
      const again = event('a', 'guide_step_shown', 0);
      await send([
        event('a', 'guide_shown'),
        event('a', 'guide_step_shown', 0),
        again,
        event('a', 'guide_step_completed', 0),
        event('a', 'guide_shown'),
        event('a', 'guide_step_shown', 1),
        event('a', 'guide_step_completed', 1),
        event('a', 'guide_step_shown', 2),
        event('a', 'guide_step_completed', 2),
        event('a', 'guide_completed'),
        event('b', 'guide_shown'),
        event('b', 'guide_step_shown', 0),
        event('b', 'guide_target_missing', 1),
        event('b', 'guide_dismissed'),
        event('c', 'guide_shown'),
        event('c', 'guide_step_shown', 0),
        event('c', 'guide_step_completed', 0),
        event('c', 'guide_step_shown', 1),
      ]);
      await send([again]);
      expect(await report()).toEqual({
        shown: 3,
        completed: 1,
        dismissed: 1,
        steps: [
          { index: 0, shown: 3, completed: 2 },
          { index: 1, shown: 2, completed: 1 },
          { index: 2, shown: 1, completed: 1 },
        ],
      });
    });

    it('follows the guide’s current steps: a removed step’s events are left out', async () => {
      await send([event('a', 'guide_step_shown', 0), event('a', 'guide_step_shown', 2)]);
      await t.app.request(`/api/v1/admin/guides/${guide.id}`, adminInit('PATCH', { steps: GUIDE_STEPS.slice(0, 2) }));
      expect(await report()).toMatchObject({ steps: [{ index: 0, shown: 1 }, { index: 1, shown: 0 }] });
    });
  });
});
