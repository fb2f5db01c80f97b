import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery } from '../../server/data/store.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { webhookEnvelope } from '../../shared/schemas/webhook.ts';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhook-events.ts';
import { cid, eachTestServer, postInit, seedProject, type TestServer } from './helpers.ts';

// Events are read back as a receiver would get them: through the outbox's deliveries to an endpoint.
describe('events of answers', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const send = (body: Record<string, unknown>) =>
    t.app.request(`http://kizuna.example.com/api/v1/client/${project.key}/responses`, postInit({ id: cid('a1'), surveyId: survey.id, userId: 'user-1', score: 9, ...body }));
  const subscribe = () =>
    t.store.webhooks.create(project.id, { url: 'https://hooks.example.com/x', events: [...WEBHOOK_EVENT_TYPES], format: 'standard', description: null, active: true, secret: 'whsec_x' }, new Date());
  let claims = 0;
  const emitted = async () => {
    const claimed: ClaimedDelivery[] = await t.store.outbox.claim(`test-${++claims}`, new Date(Date.now() + 1000), 3_600_000, 100);
    return claimed.map((d) => webhookEnvelope.parse(d.envelope)).sort((a, b) => a.type.localeCompare(b.type));
  };

  it('a new answer emits response.created; a detractor’s also followup.created, with the answer and a console link', async () => {
    await subscribe();
    expect((await send({ score: 3, locale: 'ja', attributes: { plan: 'pro', ltv: 1200 }, factors: { support: -2 }, comment: 'Slow' })).status).toBe(201);
    const [followupCreated, responseCreated] = await emitted();
    expect(responseCreated).toMatchObject({
      type: 'response.created',
      version: 1,
      projectId: project.id,
      data: {
        response: {
          id: cid('a1'),
          surveyId: survey.id,
          surveyName: survey.name,
          userId: 'user-1',
          score: 3,
          category: 'detractor',
          touchpoints: [{ key: 'support', label: survey.touchpoints.find((tp) => tp.key === 'support')!.label, value: -2 }],
          comment: 'Slow',
          locale: 'ja',
          attributes: { plan: 'pro', ltv: 1200 },
          consoleUrl: expect.stringMatching(/^http:\/\/kizuna\.example\.com\/admin\/inbox\/fu_/),
        },
      },
    });
    expect(followupCreated).toMatchObject({ type: 'followup.created', data: { followup: { status: 'open', score: 3, userId: 'user-1', responseId: cid('a1') }, response: { id: cid('a1') } } });
    expect(followupCreated?.type === 'followup.created' && followupCreated.data.followup.consoleUrl).toBe(responseCreated?.type === 'response.created' && responseCreated.data.response.consoleUrl);
  });

  it('a re-send that adds touchpoint answers or the comment emits response.updated with the whole answer; a plain retry emits nothing', async () => {
    await subscribe();
    await send({});
    await emitted();
    await send({});
    expect(await emitted()).toEqual([]);
    await send({ factors: { support: 1 } });
    await send({ factors: { support: 1 } });
    const [updated] = await emitted();
    expect(updated).toMatchObject({ type: 'response.updated', data: { response: { score: 9, touchpoints: [{ key: 'support', value: 1 }], comment: null, consoleUrl: null } } });
    await send({ factors: { support: 1 }, comment: 'Great' });
    expect(await emitted()).toMatchObject([{ type: 'response.updated', data: { response: { comment: 'Great', touchpoints: [{ key: 'support', value: 1 }] } } }]);
    await send({ factors: { support: 1 }, comment: 'Great' });
    expect(await emitted()).toEqual([]);
  });

  it('a refused answer emits nothing', async () => {
    await subscribe();
    expect((await send({ score: 11 })).status).toBe(400);
    expect((await send({ factors: { nope: 1 } })).status).toBe(400);
    await send({ id: cid('a2') });
    expect((await send({ id: cid('a2'), userId: 'someone-else' })).status).toBe(409);
    expect((await emitted()).map((e) => e.type)).toEqual(['response.created']);
  });

  it('uses KIZUNA_PUBLIC_URL for console links when set', async () => {
    await t.close();
    const { makeTestServer } = await import('./helpers.ts');
    t = makeTestServer({ publicUrl: 'https://kizuna.acme.co.jp/' });
    ({ project, survey } = await seedProject(t.store));
    await subscribe();
    await send({ score: 0 });
    const [followupCreated] = await emitted();
    expect(followupCreated?.type === 'followup.created' && followupCreated.data.followup.consoleUrl).toMatch(/^https:\/\/kizuna\.acme\.co\.jp\/admin\/inbox\/fu_/);
    await t.close();
  });
});
