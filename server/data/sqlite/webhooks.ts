import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { deliveries, deliveryAttempts, outboxEvents, webhookEndpoints } from '../schema.ts';
import type { DeliveryLogItem, WebhookEndpointRecord, WebhookRepository } from '../store.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Webhook endpoints and their delivery log in SQLite. */
export function sqliteWebhooks(db: Db): WebhookRepository {
  const toRecord = (row: EndpointRow): WebhookEndpointRecord => ({
    id: row.id,
    projectId: row.projectId,
    url: row.url,
    events: row.events,
    format: row.format,
    description: row.description,
    active: row.active,
    deactivatedReason: row.deactivatedReason,
    createdAt: new Date(row.createdAt).toISOString(),
    lastAttempt: row.lastAttemptAt === null ? null : { at: new Date(row.lastAttemptAt).toISOString(), status: row.lastAttemptStatus, error: row.lastAttemptError },
  });

  const read = (id: string) => {
    const row = db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
    return row ? toRecord(row) : null;
  };

  return {
    async create(projectId, input, at) {
      const id = newId('whk');
      db.insert(webhookEndpoints)
        .values({ id, projectId, ...input, createdAt: at.getTime(), updatedAt: at.getTime() })
        .run();
      return read(id)!;
    },

    async list(projectId) {
      const rows = db.select().from(webhookEndpoints).where(eq(webhookEndpoints.projectId, projectId)).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id).all();
      return rows.map(toRecord);
    },

    async get(id) {
      return read(id);
    },

    async update(id, patch, at) {
      // Turning an endpoint on again is a fresh start: the reason it was turned off and its run of failures go.
      const reactivate = patch.active === true ? { deactivatedReason: null, failingSince: null } : {};
      const changed = db
        .update(webhookEndpoints)
        .set({ ...patch, ...reactivate, updatedAt: at.getTime() })
        .where(eq(webhookEndpoints.id, id))
        .returning({ id: webhookEndpoints.id })
        .all();
      return changed.length ? read(id) : null;
    },

    async remove(id) {
      return db.transaction((tx) => {
        const own = tx.select({ id: deliveries.id }).from(deliveries).where(and(eq(deliveries.channel, 'webhook'), eq(deliveries.target, id)));
        tx.delete(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, own)).run();
        tx.delete(deliveries).where(and(eq(deliveries.channel, 'webhook'), eq(deliveries.target, id))).run();
        return tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id }).all().length > 0;
      });
    },

    async signing(id, now) {
      const row = db
        .select({ url: webhookEndpoints.url, format: webhookEndpoints.format, active: webhookEndpoints.active, secret: webhookEndpoints.secret, previousSecret: webhookEndpoints.previousSecret, previousSecretUntil: webhookEndpoints.previousSecretUntil })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.id, id))
        .get();
      if (!row) return null;
      const previousInForce = row.previousSecret !== null && row.previousSecretUntil !== null && row.previousSecretUntil > now.getTime();
      return { url: row.url, format: row.format, active: row.active, secrets: previousInForce ? [row.secret, row.previousSecret!] : [row.secret] };
    },

    async rotateSecret(id, secret, previousUntil, at) {
      const changed = db
        .update(webhookEndpoints)
        .set({ previousSecret: sql`${webhookEndpoints.secret}`, previousSecretUntil: previousUntil.getTime(), secret, updatedAt: at.getTime() })
        .where(eq(webhookEndpoints.id, id))
        .returning({ id: webhookEndpoints.id })
        .all();
      return changed.length > 0;
    },

    async secret(id) {
      return db.select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()?.secret ?? null;
    },

    async recordHealth(id, result, attempt, failingLimitMs) {
      const now = attempt.at.getTime();
      const last = { lastAttemptAt: now, lastAttemptStatus: attempt.statusCode, lastAttemptError: attempt.error };
      if (result === 'ok') {
        db.update(webhookEndpoints).set({ ...last, failingSince: null }).where(eq(webhookEndpoints.id, id)).run();
        return;
      }
      if (result === 'gone') {
        db.update(webhookEndpoints).set({ ...last, active: false, deactivatedReason: 'gone', updatedAt: now }).where(eq(webhookEndpoints.id, id)).run();
        return;
      }
      db.transaction((tx) => {
        tx.update(webhookEndpoints)
          .set({ ...last, failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now})` })
          .where(eq(webhookEndpoints.id, id))
          .run();
        // Failing since the limit or longer: turned off until someone turns it on again.
        tx.update(webhookEndpoints)
          .set({ active: false, deactivatedReason: 'failing', updatedAt: now })
          .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.active, true), lt(webhookEndpoints.failingSince, now - failingLimitMs + 1)))
          .run();
      });
    },

    async deliveries(endpointId, { status, limit, after }) {
      const rows = db
        .select({ id: deliveries.id, eventId: deliveries.eventId, eventType: outboxEvents.type, status: deliveries.status, nextAttemptAt: deliveries.nextAttemptAt, createdAt: deliveries.createdAt })
        .from(deliveries)
        .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
        .where(
          and(
            eq(deliveries.channel, 'webhook'),
            eq(deliveries.target, endpointId),
            status ? eq(deliveries.status, status) : undefined,
            after ? or(lt(deliveries.createdAt, after.createdAt), and(eq(deliveries.createdAt, after.createdAt), lt(deliveries.id, after.id))) : undefined,
          ),
        )
        .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
        .limit(limit + 1)
        .all();
      const page = rows.slice(0, limit);
      const attempts = page.length
        ? db
            .select()
            .from(deliveryAttempts)
            .where(
              inArray(
                deliveryAttempts.deliveryId,
                page.map((r) => r.id),
              ),
            )
            .orderBy(deliveryAttempts.id)
            .all()
        : [];
      const items = page.map(
        (row): DeliveryLogItem => ({
          id: row.id,
          eventId: row.eventId,
          eventType: row.eventType,
          status: row.status,
          createdAt: new Date(row.createdAt).toISOString(),
          nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
          attempts: attempts
            .filter((a) => a.deliveryId === row.id)
            .map((a) => ({ at: new Date(a.at).toISOString(), status: a.statusCode, error: a.error, durationMs: a.durationMs, response: a.response })),
        }),
      );
      const last = page.at(-1);
      return { items, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
    },

    async delivery(id) {
      return db.select({ id: deliveries.id, projectId: deliveries.projectId, channel: deliveries.channel, target: deliveries.target, status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id)).get() ?? null;
    },

    async retry(id, now) {
      const changed = db
        .update(deliveries)
        .set({ status: 'pending', nextAttemptAt: now.getTime(), leaseOwner: null, leaseUntil: null, updatedAt: now.getTime() })
        .where(and(eq(deliveries.id, id), eq(deliveries.status, 'failed')))
        .returning({ id: deliveries.id })
        .all();
      return changed.length > 0;
    },
  };
}
