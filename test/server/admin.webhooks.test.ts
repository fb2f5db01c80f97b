import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { startDispatcher } from '../../server/delivery/dispatcher.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointWithSecret } from '../../shared/schemas/webhook.ts';
import type { Role } from '../../shared/roles.ts';
import { ACCOUNT_PASSWORD, addConsoleAccount, adminInit, consoleSessionCookie, eachTestServer, makeTestServer, seedProject, type TestServer } from './helpers.ts';
import { startReceiver } from './delivery/receiver.ts';

const HOOK = 'https://hooks.example.com/kizuna';

describe('admin API: webhook endpoints', () => {
  let t: TestServer;
  let project: Project;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project } = s));

  const request = (method: string, path: string, body?: unknown) => t.app.request(`/api/v1/admin${path}`, adminInit(method, body));
  const create = async (body: Record<string, unknown> = {}) => {
    const res = await request('POST', `/projects/${project.id}/webhooks`, { url: HOOK, events: ['response.created'], ...body });
    expect(res.status).toBe(201);
    return (await res.json()) as WebhookEndpointWithSecret;
  };

  it('creates an endpoint with a whsec_ secret shown in that answer only', async () => {
    const created = await create({ events: ['response.created', 'followup.created'], format: 'slack', description: 'CS channel' });
    expect(created).toMatchObject({ url: HOOK, events: ['response.created', 'followup.created'], format: 'slack', description: 'CS channel', active: true, deactivatedReason: null, lastDelivery: null });
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const read = (await (await request('GET', `/webhooks/${created.id}`)).json()) as Record<string, unknown>;
    const listed = (await (await request('GET', `/projects/${project.id}/webhooks`)).json()) as { items: WebhookEndpoint[] };
    expect(listed.items).toEqual([read]);
    expect(JSON.stringify([read, listed])).not.toContain(created.secret);
    expect(await (await request('GET', `/webhooks/${created.id}/secret`)).json()).toEqual({ secret: created.secret });
  });

  it.each([
    [{ url: 'ftp://hooks.example.com/' }, 'url'],
    [{ url: 'http://hooks.example.com/' }, 'url'],
    [{ url: 'https://127.0.0.1/' }, 'url'],
    [{ url: 'https://169.254.169.254/latest/meta-data' }, 'url'],
    [{ url: 'https://[::1]/' }, 'url'],
    [{ url: 'https://10.1.2.3/' }, 'url'],
    [{ events: [] }, 'events'],
    [{ events: ['response.deleted'] }, 'events.0'],
    [{ format: 'teams' }, 'format'],
  ])('refuses %j with a 400 naming %s, and stores nothing', async (body, path) => {
    const res = await request('POST', `/projects/${project.id}/webhooks`, { url: HOOK, events: ['response.created'], ...body });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { issues: Array<{ path: string }> } };
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(await (await request('GET', `/projects/${project.id}/webhooks`)).json()).toEqual({ items: [] });
  });

  it('takes http and private addresses when KIZUNA_WEBHOOK_ALLOW_PRIVATE is set', async () => {
    await t.close();
    t = makeTestServer({ allowPrivateWebhooks: true });
    ({ project } = await seedProject(t.store));
    expect((await create({ url: 'http://127.0.0.1:9/hook' })).url).toBe('http://127.0.0.1:9/hook');
    await t.close();
  });

  it('changes, checks the URL again, and removes an endpoint', async () => {
    const { id } = await create();
    expect((await request('PATCH', `/webhooks/${id}`, { url: 'https://192.168.0.10/' })).status).toBe(400);
    const res = await request('PATCH', `/webhooks/${id}`, { events: ['followup.overdue'], active: false, description: null });
    expect(await res.json()).toMatchObject({ id, url: HOOK, events: ['followup.overdue'], active: false, description: null });
    expect((await request('PATCH', `/webhooks/${id}`, {})).status).toBe(400);
    expect((await request('DELETE', `/webhooks/${id}`)).status).toBe(204);
    expect((await request('GET', `/webhooks/${id}`)).status).toBe(404);
    expect((await request('DELETE', `/webhooks/${id}`)).status).toBe(404);
    expect((await request('POST', `/projects/nope/webhooks`, { url: HOOK, events: ['response.created'] })).status).toBe(404);
  });

  it('rotating the secret signs with both for a day', async () => {
    const { id, secret: old } = await create();
    const rotated = (await (await request('POST', `/webhooks/${id}/rotate-secret`)).json()) as WebhookEndpointWithSecret;
    expect(rotated.secret).not.toBe(old);
    const signing = await t.store.webhooks.signing(id, new Date());
    expect(signing!.secrets).toEqual([rotated.secret, old]);
    expect((await t.store.webhooks.signing(id, new Date(Date.now() + 24 * 3_600_000 + 1_000)))!.secrets).toEqual([rotated.secret]);
  });

  it('sends a test event to that endpoint, logs each attempt, and retries a failed delivery on request', async () => {
    await t.close();
    t = makeTestServer({ allowPrivateWebhooks: true });
    ({ project } = await seedProject(t.store));
    const statuses = [500, 200];
    const receiver = await startReceiver((_, res) => {
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
    const dispatcher = startDispatcher({ store: t.store, allowPrivate: true, pollMs: 3_600_000, log: () => {} });
    try {
      const endpoint = await create({ url: receiver.url('/hook') });
      const sent = await request('POST', `/webhooks/${endpoint.id}/test`);
      expect(sent.status).toBe(202);
      const { eventId, deliveryId } = (await sent.json()) as { eventId: string; deliveryId: string };
      await dispatcher.runOnce();
      const body = new Webhook(endpoint.secret).verify(receiver.requests[0]!.body, receiver.requests[0]!.headers as Record<string, string>);
      expect(body).toMatchObject({ id: eventId, type: 'webhook.test', projectId: project.id, data: { webhookId: endpoint.id } });

      const log = async (query = '') => (await (await request('GET', `/webhooks/${endpoint.id}/deliveries${query}`)).json()) as WebhookDeliveryPage;
      expect((await log()).items).toMatchObject([{ id: deliveryId, eventId, eventType: 'webhook.test', status: 'pending', attempts: [{ status: 500, response: 'ok' }] }]);
      expect((await request('POST', `/deliveries/${deliveryId}/retry`)).status).toBe(409);

      // Made to fail for the test, then retried by hand.
      await t.store.outbox.claim('x', new Date(Date.now() + 3_600_000), 60_000, 10);
      await t.store.outbox.finish(deliveryId, 'x', { at: new Date(), statusCode: 500, error: null, durationMs: 1, response: '' }, { status: 'failed' });
      expect((await log('?status=failed')).items).toHaveLength(1);
      expect((await request('POST', `/deliveries/${deliveryId}/retry`)).status).toBe(202);
      await dispatcher.runOnce();
      expect((await log()).items[0]).toMatchObject({ status: 'delivered', nextAttemptAt: null });
      expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
      expect((await request('POST', '/deliveries/dlv_nope/retry')).status).toBe(404);
      expect((await request('GET', `/webhooks/${endpoint.id}/deliveries?cursor=garbage`)).status).toBe(400);
    } finally {
      await dispatcher.stop();
      await receiver.close();
      await t.close();
    }
  });

  it('pages the delivery log with a cursor', async () => {
    const { id } = await create({ events: ['webhook.test'] });
    for (let i = 0; i < 3; i++) await request('POST', `/webhooks/${id}/test`);
    const first = (await (await request('GET', `/webhooks/${id}/deliveries?limit=2`)).json()) as WebhookDeliveryPage;
    expect(first.items).toHaveLength(2);
    const second = (await (await request('GET', `/webhooks/${id}/deliveries?limit=2&cursor=${first.nextCursor}`)).json()) as WebhookDeliveryPage;
    expect(second).toMatchObject({ items: [{}], nextCursor: null });
    expect(new Set([...first.items, ...second.items].map((d) => d.id)).size).toBe(3);
  });

  it.each<[Role, number]>([
    ['admin', 200],
    ['product', 403],
    ['cs', 403],
  ])('a signed-in %s gets %i, reads included', async (role, status) => {
    const { id } = await create();
    await addConsoleAccount(t, `${role}@example.com`, role);
    const cookie = await consoleSessionCookie(t, `${role}@example.com`, ACCOUNT_PASSWORD);
    const as = (method: string, path: string, body?: unknown) =>
      t.app.request(`http://localhost/api/v1/admin${path}`, {
        method,
        headers: { cookie, origin: 'http://localhost', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await as('GET', `/projects/${project.id}/webhooks`)).status).toBe(status);
    expect((await as('GET', `/webhooks/${id}/secret`)).status).toBe(status);
    expect((await as('GET', `/webhooks/${id}/deliveries`)).status).toBe(status);
    expect((await as('PATCH', `/webhooks/${id}`, { active: false })).status).toBe(status);
    expect((await as('POST', `/projects/${project.id}/webhooks`, { url: HOOK, events: ['response.created'] })).status).toBe(status === 200 ? 201 : 403);
  });
});
