import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/data/sqlite/index.ts';
import type { Store } from '../../../server/data/store.ts';
import { answerEvents } from '../../../server/delivery/events.ts';
import { startDispatcher, type Dispatcher } from '../../../server/delivery/dispatcher.ts';
import type { Project } from '../../../shared/schemas/project.ts';
import type { Survey } from '../../../shared/schemas/survey.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/webhook-events.ts';
import { makeTempDir, newAnswer, seedProject } from '../helpers.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const MINUTE = 60_000;

describe('delivery dispatcher', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let project: Project;
  let survey: Survey;
  let receiver: Receiver;
  let clock: number;
  const dispatchers: Dispatcher[] = [];
  const dispatcher = (on = store) => {
    const d = startDispatcher({ store: on, allowPrivate: true, pollMs: 3_600_000, now: () => new Date(clock), log: () => {} });
    dispatchers.push(d);
    return d;
  };

  beforeEach(async () => {
    dir = makeTempDir();
    file = join(dir, 'kizuna.sqlite');
    store = openSqliteStore(file);
    ({ project, survey } = await seedProject(store));
    // A second ahead: what the test records now is due.
    clock = Date.now() + 1_000;
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    await receiver?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const endpoint = (url: string, fields: { format?: 'standard' | 'slack'; events?: string[] } = {}) =>
    store.webhooks.create(project.id, { url, events: fields.events ?? [...WEBHOOK_EVENT_TYPES], format: fields.format ?? 'standard', description: null, active: true, secret: SECRET }, new Date(clock));
  let n = 0;
  const answer = (score = 9) => store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: `c_${++n}`, userId: `u_${n}`, score }), answerEvents(survey, 'https://kizuna.example.com'));

  it('POSTs each event signed per Standard Webhooks, verified by the package’s own verify', async () => {
    receiver = await startReceiver();
    await endpoint(receiver.url('/hook'));
    await answer(3);
    expect(await dispatcher().runOnce()).toBe(2);
    expect(receiver.requests).toHaveLength(2);
    for (const request of receiver.requests) {
      const verified = new Webhook(SECRET).verify(request.body, request.headers as Record<string, string>) as { id: string; type: string };
      expect(request.headers['webhook-id']).toBe(verified.id);
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(receiver.requests.map((r) => (JSON.parse(r.body) as { type: string }).type).sort()).toEqual(['followup.created', 'response.created']);
    const [log] = await store.webhooks.list(project.id);
    expect(log!.lastAttempt).toMatchObject({ status: 200, error: null });
  });

  it('retries a 500 on the schedule with the same webhook-id, and honours a longer Retry-After', async () => {
    const statuses = [500, 503, 204];
    receiver = await startReceiver((_, res) => {
      const status = statuses.shift()!;
      if (status === 503) res.setHeader('retry-after', '600');
      res.statusCode = status;
      res.end('busy');
    });
    const { id: endpointId } = await endpoint(receiver.url());
    await answer();
    const d = dispatcher();
    expect(await d.runOnce()).toBe(1);
    const [first] = (await store.webhooks.deliveries(endpointId, { limit: 1 })).items;
    expect(first).toMatchObject({ status: 'pending', attempts: [{ status: 500, response: 'busy' }] });
    // At once, then about 5 s (±10 %) later.
    const wait = Date.parse(first!.nextAttemptAt!) - clock;
    expect(wait).toBeGreaterThanOrEqual(4_500);
    expect(wait).toBeLessThanOrEqual(5_500);
    expect(await d.runOnce()).toBe(0);

    clock += 5_500;
    expect(await d.runOnce()).toBe(1);
    const [second] = (await store.webhooks.deliveries(endpointId, { limit: 1 })).items;
    // The schedule's next wait is 5 minutes; the receiver asked for 10.
    expect(Date.parse(second!.nextAttemptAt!) - clock).toBe(10 * MINUTE);

    clock += 10 * MINUTE;
    expect(await d.runOnce()).toBe(1);
    expect((await store.webhooks.deliveries(endpointId, { limit: 1 })).items[0]).toMatchObject({ status: 'delivered', nextAttemptAt: null });
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(receiver.requests).toHaveLength(3);
  });

  it('fails a delivery after the last attempt of the schedule', async () => {
    receiver = await startReceiver((_, res) => {
      res.statusCode = 500;
      res.end();
    });
    const { id: endpointId } = await endpoint(receiver.url(), { events: ['response.created'] });
    await answer();
    const d = dispatcher();
    for (let i = 0; i < 8; i++) {
      expect(await d.runOnce()).toBe(1);
      clock += 11 * 3_600_000;
    }
    expect(await d.runOnce()).toBe(0);
    const [delivery] = (await store.webhooks.deliveries(endpointId, { limit: 1 })).items;
    expect(delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(delivery!.attempts).toHaveLength(8);
  });

  it('a 410 fails the delivery and turns the endpoint off', async () => {
    receiver = await startReceiver((_, res) => {
      res.statusCode = 410;
      res.end();
    });
    const { id } = await endpoint(receiver.url(), { events: ['response.created'] });
    await answer();
    await answer();
    const d = dispatcher();
    await d.runOnce();
    expect(await store.webhooks.get(id)).toMatchObject({ active: false, deactivatedReason: 'gone' });
    const { items } = await store.webhooks.deliveries(id, { limit: 10 });
    expect(items.map((i) => i.status)).toEqual(['failed', 'failed']);
    // The second was either sent (410 too) or found the endpoint off: nothing more to send.
    expect(receiver.requests.length).toBeGreaterThanOrEqual(1);
    clock += MINUTE;
    await answer();
    expect(await d.runOnce()).toBe(0);
  });

  it('two dispatchers on one database deliver each event once', async () => {
    receiver = await startReceiver();
    await endpoint(receiver.url(), { events: ['response.created'] });
    for (let i = 0; i < 60; i++) await answer();
    const other = openSqliteStore(file);
    try {
      const a = dispatcher();
      const b = dispatcher(other);
      // Both at once, then both again for whatever a full batch left.
      await Promise.all([a.runOnce(), b.runOnce()]);
      expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual([0, 0]);
      const ids = receiver.requests.map((r) => r.headers['webhook-id']);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    } finally {
      await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
      await other.close();
    }
  });

  it('sends Slack endpoints a Block Kit message, unsigned', async () => {
    receiver = await startReceiver();
    await endpoint(receiver.url(), { format: 'slack', events: ['response.created'] });
    await answer(2);
    await dispatcher().runOnce();
    const [request] = receiver.requests;
    expect(request!.headers['webhook-signature']).toBeUndefined();
    const body = JSON.parse(request!.body) as { text: string; blocks: unknown[] };
    expect(body.blocks.length).toBeGreaterThan(0);
    // The project's language (ja by default).
    expect(body.text).toContain('批判者');
  });

  it('does not send to private addresses unless allowed', async () => {
    receiver = await startReceiver();
    const { id } = await endpoint(receiver.url(), { events: ['response.created'] });
    await answer();
    const guarded = startDispatcher({ store, allowPrivate: false, pollMs: 3_600_000, now: () => new Date(clock), log: () => {} });
    dispatchers.push(guarded);
    await guarded.runOnce();
    expect(receiver.connections()).toBe(0);
    expect((await store.webhooks.deliveries(id, { limit: 1 })).items[0]).toMatchObject({ status: 'failed', attempts: [{ status: null, error: expect.any(String) }] });
  });
});
