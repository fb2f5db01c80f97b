import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { deliveries, deliveryAttempts, outboxEvents, webhookEndpoints } from '../schema.ts';
import type { ClaimedDelivery, DeliveryOutcome, EventTargets, NewOutboxEvent, OutboxRepository } from '../store.ts';

/**
 * Writing an event with its deliveries, synchronously, so that the repositories whose changes
 * cause events (answers, follow-ups) can call it inside their own transaction: the change and its
 * event commit together or not at all.
 */
export function outboxWrites(db: Db) {
  const p = sql.placeholder;
  const insertEvent = db
    .insert(outboxEvents)
    .values({ id: p('id'), projectId: p('projectId'), type: p('type'), dedupeKey: p('dedupeKey'), userId: p('userId'), envelope: sql`${p('envelope')}`, createdAt: p('at') })
    .onConflictDoNothing()
    .returning({ id: outboxEvents.id })
    .prepare();
  // Endpoints are few per project: filtering their event lists here is cheaper than a JSON query.
  const activeEndpoints = db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.projectId, p('projectId')), eq(webhookEndpoints.active, true)))
    .prepare();
  const insertDelivery = db
    .insert(deliveries)
    .values({
      id: p('id'),
      eventId: p('eventId'),
      projectId: p('projectId'),
      channel: p('channel'),
      target: p('target'),
      status: 'pending',
      attemptCount: 0,
      nextAttemptAt: p('at'),
      createdAt: p('at'),
      updatedAt: p('at'),
    })
    .onConflictDoNothing()
    .prepare();

  return {
    /** `OutboxRepository.emit`, inside the caller's transaction. */
    emit(event: NewOutboxEvent, to: EventTargets = {}): string[] | null {
      const at = event.at.getTime();
      const { mailTo = [], ...fields } = event;
      const row = insertEvent.get({ ...fields, dedupeKey: event.dedupeKey ?? null, userId: event.userId ?? null, envelope: JSON.stringify(event.envelope), at });
      if (!row) return null;
      const endpoints =
        to.endpoints ??
        activeEndpoints
          .all({ projectId: event.projectId })
          .filter((endpoint) => endpoint.events.includes(event.type))
          .map((endpoint) => endpoint.id);
      const targets = [...endpoints.map((target) => ({ channel: 'webhook' as const, target })), ...[...mailTo, ...(to.mail ?? [])].map((target) => ({ channel: 'email' as const, target }))];
      return targets.map((target) => {
        const id = newId('dlv');
        insertDelivery.run({ id, eventId: event.id, projectId: event.projectId, ...target, at });
        return id;
      });
    },
  };
}

/** The outbox in SQLite: one writer at a time, so a claim (one UPDATE … RETURNING) is atomic. */
export function sqliteOutbox(db: Db): OutboxRepository {
  const writes = outboxWrites(db);

  return {
    async emit(event, to) {
      return db.transaction(() => writes.emit(event, to));
    },

    async claim(owner, now, leaseMs, limit) {
      const at = now.getTime();
      const due = db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, at), or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, at))))
        .orderBy(asc(deliveries.nextAttemptAt))
        .limit(limit);
      const claimed = db
        .update(deliveries)
        .set({ leaseOwner: owner, leaseUntil: at + leaseMs })
        .where(inArray(deliveries.id, due))
        .returning({ id: deliveries.id, eventId: deliveries.eventId, projectId: deliveries.projectId, channel: deliveries.channel, target: deliveries.target, attemptCount: deliveries.attemptCount })
        .all();
      if (claimed.length === 0) return [];
      const envelopes = new Map(
        db
          .select({ id: outboxEvents.id, envelope: outboxEvents.envelope })
          .from(outboxEvents)
          .where(
            inArray(
              outboxEvents.id,
              claimed.map((c) => c.eventId),
            ),
          )
          .all()
          .map((e) => [e.id, e.envelope]),
      );
      return claimed.map((c): ClaimedDelivery => ({ ...c, envelope: envelopes.get(c.eventId)! }));
    },

    async finish(id, owner, attempt, outcome: DeliveryOutcome) {
      return db.transaction((tx) => {
        const now = attempt.at.getTime();
        // Only the holder of the lease records: a process that lost it (paused past the lease)
        // must not overwrite what the new holder did.
        const updated = tx
          .update(deliveries)
          .set({
            status: outcome.status,
            attemptCount: sql`${deliveries.attemptCount} + 1`,
            nextAttemptAt: outcome.status === 'pending' ? outcome.nextAttemptAt.getTime() : null,
            leaseOwner: null,
            leaseUntil: null,
            updatedAt: now,
          })
          .where(and(eq(deliveries.id, id), eq(deliveries.leaseOwner, owner), eq(deliveries.status, 'pending')))
          .returning({ id: deliveries.id })
          .all();
        if (updated.length === 0) return false;
        tx.insert(deliveryAttempts)
          .values({ deliveryId: id, at: now, statusCode: attempt.statusCode, error: attempt.error, durationMs: attempt.durationMs, response: attempt.response })
          .run();
        return true;
      });
    },
  };
}
