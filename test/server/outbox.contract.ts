import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxEvent, NewWebhookEndpoint, Store } from '../../server/data/store.ts';

const MINUTE = 60_000;

/**
 * The outbox and webhook endpoints every `Store` must have. `makeStores` returns two stores over
 * one empty, migrated database, as two server processes would hold (the suite closes both).
 */
export function runOutboxContract(name: string, makeStores: () => Promise<[Store, Store]>): void {
  describe(`Outbox contract: ${name}`, () => {
    let store: Store;
    let other: Store;
    let seq = 0;
    beforeEach(async () => {
      [store, other] = await makeStores();
      seq = 0;
    });
    afterEach(async () => {
      await store.close();
      await other.close();
    });

    const T0 = new Date('2026-12-01T00:00:00Z');
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const endpoint = (fields: Partial<NewWebhookEndpoint> = {}): NewWebhookEndpoint => ({
      url: 'https://hooks.example.com/kizuna',
      events: ['response.created'],
      format: 'standard',
      description: null,
      active: true,
      secret: 'whsec_first',
      ...fields,
    });
    const event = (projectId: string, fields: Partial<NewOutboxEvent> = {}): NewOutboxEvent => ({
      id: `evt_${++seq}`,
      projectId,
      type: 'response.created',
      envelope: { id: `evt_${seq}`, type: 'response.created', data: { n: seq } },
      at: T0,
      ...fields,
    });
    const project = () => store.projects.create({ name: 'Acme', allowedOrigins: [] });

    describe('endpoints', () => {
      it('creates, lists oldest first, reads, updates and removes, never showing the secret', async () => {
        const { id: projectId } = await project();
        const first = await store.webhooks.create(projectId, endpoint(), T0);
        const second = await store.webhooks.create(projectId, endpoint({ format: 'slack', events: ['followup.created'], description: 'CS channel' }), at(1));
        expect(first).toEqual({
          id: expect.stringMatching(/^whk_/),
          projectId,
          url: 'https://hooks.example.com/kizuna',
          events: ['response.created'],
          format: 'standard',
          description: null,
          active: true,
          deactivatedReason: null,
          createdAt: T0.toISOString(),
          lastAttempt: null,
        });
        expect(JSON.stringify(first)).not.toContain('whsec_');
        expect((await store.webhooks.list(projectId)).map((e) => e.id)).toEqual([first.id, second.id]);
        expect(await store.webhooks.update(first.id, { events: ['response.created', 'response.updated'], active: false }, at(2))).toMatchObject({ events: ['response.created', 'response.updated'], active: false });
        expect(await store.webhooks.secret(first.id)).toBe('whsec_first');
        expect(await store.webhooks.remove(first.id)).toBe(true);
        expect(await store.webhooks.get(first.id)).toBeNull();
        expect(await store.webhooks.remove(first.id)).toBe(false);
        expect(await store.webhooks.update('whk_none', { active: true }, T0)).toBeNull();
      });

      it('rotates a secret: both sign until the old one’s time is up', async () => {
        const { id: projectId } = await project();
        const { id } = await store.webhooks.create(projectId, endpoint(), T0);
        expect(await store.webhooks.signing(id, T0)).toMatchObject({ secrets: ['whsec_first'], format: 'standard', active: true });
        expect(await store.webhooks.rotateSecret(id, 'whsec_second', at(24 * 60 * MINUTE), at(1))).toBe(true);
        expect((await store.webhooks.signing(id, at(2)))!.secrets).toEqual(['whsec_second', 'whsec_first']);
        expect((await store.webhooks.signing(id, at(24 * 60 * MINUTE)))!.secrets).toEqual(['whsec_second']);
        expect(await store.webhooks.rotateSecret('whk_none', 'x', T0, T0)).toBe(false);
      });

      it('a 410 turns it off at once; failures turn it off once they have lasted the limit; a success ends a run', async () => {
        const { id: projectId } = await project();
        const gone = await store.webhooks.create(projectId, endpoint(), T0);
        const failing = await store.webhooks.create(projectId, endpoint(), T0);
        const attempt = (ms: number, statusCode: number | null) => ({ at: at(ms), statusCode, error: statusCode ? null : 'ECONNREFUSED', durationMs: 5, response: null });
        await store.webhooks.recordHealth(gone.id, 'gone', attempt(0, 410), 5 * 1440 * MINUTE);
        expect(await store.webhooks.get(gone.id)).toMatchObject({ active: false, deactivatedReason: 'gone', lastAttempt: { at: T0.toISOString(), status: 410, error: null } });

        const limit = 100 * MINUTE;
        await store.webhooks.recordHealth(failing.id, 'failing', attempt(0, 500), limit);
        await store.webhooks.recordHealth(failing.id, 'ok', attempt(50 * MINUTE, 200), limit);
        await store.webhooks.recordHealth(failing.id, 'failing', attempt(60 * MINUTE, null), limit);
        // 100 minutes after the first failure, but the success at 50 started the run afresh at 60.
        await store.webhooks.recordHealth(failing.id, 'failing', attempt(100 * MINUTE, 500), limit);
        expect(await store.webhooks.get(failing.id)).toMatchObject({ active: true, deactivatedReason: null });
        await store.webhooks.recordHealth(failing.id, 'failing', attempt(160 * MINUTE, 500), limit);
        expect(await store.webhooks.get(failing.id)).toMatchObject({ active: false, deactivatedReason: 'failing', lastAttempt: { status: 500 } });
        // Turned on by hand: a fresh start.
        expect(await store.webhooks.update(failing.id, { active: true }, at(200 * MINUTE))).toMatchObject({ active: true, deactivatedReason: null });
        await store.webhooks.recordHealth(failing.id, 'failing', attempt(201 * MINUTE, 500), limit);
        expect(await store.webhooks.get(failing.id)).toMatchObject({ active: true });
      });
    });

    describe('events and deliveries', () => {
      it('fans an event out to the active endpoints subscribed to its type, and to mail recipients', async () => {
        const { id: projectId } = await project();
        const subscribed = await store.webhooks.create(projectId, endpoint(), T0);
        await store.webhooks.create(projectId, endpoint({ events: ['followup.created'] }), T0);
        await store.webhooks.create(projectId, endpoint({ active: false }), T0);
        const elsewhere = await store.projects.create({ name: 'Other', allowedOrigins: [] });
        await store.webhooks.create(elsewhere.id, endpoint(), T0);

        const ids = await store.outbox.emit(event(projectId), { mail: ['acct_1'] });
        const claimed = await store.outbox.claim('a', T0, MINUTE, 10);
        expect(claimed.map((c) => c.id).sort()).toEqual([...ids!].sort());
        expect(claimed.map((c) => [c.channel, c.target]).sort()).toEqual([
          ['email', 'acct_1'],
          ['webhook', subscribed.id],
        ]);
        expect(claimed[0]).toMatchObject({ eventId: 'evt_1', projectId, attemptCount: 0, envelope: { id: 'evt_1', type: 'response.created', data: { n: 1 } } });
      });

      it('writes an event with a dedupe key once', async () => {
        const { id: projectId } = await project();
        await store.webhooks.create(projectId, endpoint({ events: ['followup.overdue'] }), T0);
        expect(await store.outbox.emit(event(projectId, { type: 'followup.overdue', dedupeKey: 'fu_1:123' }))).toHaveLength(1);
        expect(await other.outbox.emit(event(projectId, { type: 'followup.overdue', dedupeKey: 'fu_1:123' }))).toBeNull();
        expect(await store.outbox.emit(event(projectId, { type: 'followup.overdue', dedupeKey: 'fu_1:456' }))).toHaveLength(1);
        expect(await store.outbox.claim('a', T0, MINUTE, 10)).toHaveLength(2);
      });

      it('sends a targeted event only to the endpoints named, subscribed or not', async () => {
        const { id: projectId } = await project();
        await store.webhooks.create(projectId, endpoint({ events: ['webhook.test'] }), T0);
        const named = await store.webhooks.create(projectId, endpoint({ events: ['response.created'] }), T0);
        const [delivery] = (await store.outbox.emit(event(projectId, { type: 'webhook.test' }), { endpoints: [named.id] }))!;
        expect(await store.outbox.claim('a', T0, MINUTE, 10)).toMatchObject([{ id: delivery, target: named.id }]);
      });

      it('claims only what is due, each delivery by one claimer until its lease ends', async () => {
        const { id: projectId } = await project();
        await store.webhooks.create(projectId, endpoint(), T0);
        for (let i = 0; i < 6; i++) await store.outbox.emit(event(projectId));
        expect(await store.outbox.claim('a', at(-1), MINUTE, 10)).toEqual([]);

        const [a, b] = await Promise.all([store.outbox.claim('a', T0, MINUTE, 4), other.outbox.claim('b', T0, MINUTE, 4)]);
        const ids = [...a, ...b].map((d) => d.id);
        expect(ids).toHaveLength(6);
        expect(new Set(ids).size).toBe(6);
        expect(await store.outbox.claim('c', at(MINUTE - 1), MINUTE, 10)).toEqual([]);
        // A claimer that died: its lease runs out and another takes the delivery again.
        expect((await other.outbox.claim('c', at(MINUTE + 1), MINUTE, 10)).map((d) => d.id).sort()).toEqual([...ids].sort());
      });

      it('records an attempt only for the lease holder, and schedules, delivers or fails', async () => {
        const { id: projectId } = await project();
        const { id: endpointId } = await store.webhooks.create(projectId, endpoint(), T0);
        await store.outbox.emit(event(projectId));
        const [first] = await store.outbox.claim('a', T0, MINUTE, 1);
        const attempt = (ms: number, statusCode: number | null) => ({ at: at(ms), statusCode, error: statusCode === null ? 'timeout' : null, durationMs: 10_000, response: statusCode ? 'oops' : null });

        expect(await store.outbox.finish(first!.id, 'b', attempt(1, 500), { status: 'delivered' })).toBe(false);
        expect(await store.outbox.finish(first!.id, 'a', attempt(1, 500), { status: 'pending', nextAttemptAt: at(5_000) })).toBe(true);
        expect(await store.outbox.claim('a', at(4_999), MINUTE, 1)).toEqual([]);
        const [second] = await other.outbox.claim('b', at(5_000), MINUTE, 1);
        expect(second).toMatchObject({ id: first!.id, attemptCount: 1 });
        expect(await other.outbox.finish(second!.id, 'b', attempt(5_001, null), { status: 'failed' })).toBe(true);
        expect(await store.outbox.claim('a', at(10 * MINUTE), MINUTE, 1)).toEqual([]);

        const log = await store.webhooks.deliveries(endpointId, { limit: 10 });
        expect(log).toEqual({
          items: [
            {
              id: first!.id,
              eventId: 'evt_1',
              eventType: 'response.created',
              status: 'failed',
              createdAt: T0.toISOString(),
              nextAttemptAt: null,
              attempts: [
                { at: at(1).toISOString(), status: 500, error: null, durationMs: 10_000, response: 'oops' },
                { at: at(5_001).toISOString(), status: null, error: 'timeout', durationMs: 10_000, response: null },
              ],
            },
          ],
          next: null,
        });

        // Retry now: due again, and sent once more.
        expect(await store.webhooks.retry(first!.id, at(20 * MINUTE))).toBe(true);
        expect(await store.webhooks.retry(first!.id, at(20 * MINUTE))).toBe(false);
        const [third] = await store.outbox.claim('a', at(20 * MINUTE), MINUTE, 1);
        expect(third).toMatchObject({ id: first!.id, attemptCount: 2 });
        expect(await store.outbox.finish(third!.id, 'a', attempt(20 * MINUTE + 1, 204), { status: 'delivered' })).toBe(true);
        expect(await store.webhooks.delivery(first!.id)).toEqual({ id: first!.id, projectId, channel: 'webhook', target: endpointId, status: 'delivered' });
      });

      it('pages the delivery log newest first, filtered by status', async () => {
        const { id: projectId } = await project();
        const { id: endpointId } = await store.webhooks.create(projectId, endpoint(), T0);
        for (let i = 0; i < 5; i++) await store.outbox.emit(event(projectId, { at: at(i) }));
        const [oldest] = await store.outbox.claim('a', at(10), MINUTE, 1);
        await store.outbox.finish(oldest!.id, 'a', { at: at(11), statusCode: 200, error: null, durationMs: 3, response: '' }, { status: 'delivered' });

        const page1 = await store.webhooks.deliveries(endpointId, { limit: 2 });
        expect(page1.items.map((d) => d.eventId)).toEqual(['evt_5', 'evt_4']);
        const page2 = await store.webhooks.deliveries(endpointId, { limit: 2, after: page1.next! });
        expect(page2.items.map((d) => d.eventId)).toEqual(['evt_3', 'evt_2']);
        const page3 = await store.webhooks.deliveries(endpointId, { limit: 2, after: page2.next! });
        expect(page3).toMatchObject({ items: [{ eventId: 'evt_1', status: 'delivered' }], next: null });
        expect((await store.webhooks.deliveries(endpointId, { limit: 10, status: 'pending' })).items).toHaveLength(4);
        expect((await store.webhooks.deliveries(endpointId, { limit: 10, status: 'pending' })).items[0]).toMatchObject({ nextAttemptAt: at(4).toISOString() });
      });

      it('removing an endpoint removes its deliveries', async () => {
        const { id: projectId } = await project();
        const { id } = await store.webhooks.create(projectId, endpoint(), T0);
        await store.outbox.emit(event(projectId));
        expect(await store.webhooks.remove(id)).toBe(true);
        expect(await store.outbox.claim('a', T0, MINUTE, 10)).toEqual([]);
      });
    });
  });
}
