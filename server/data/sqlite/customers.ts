import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CustomerExport, Erasure, ErasureSummary } from '../../../shared/schemas/customer.ts';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { deliveries, deliveryAttempts, erasures, events, followupHistory, followups, guideProgress, outboxEvents, responses, users } from '../schema.ts';
import type { CustomerRepository } from '../store.ts';
import { factorsOf } from './factors.ts';
import { toHistoryEntry } from './followups.ts';
import type { GroupCommit } from './group-commit.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A user id for one erased answer: random, so nothing ties erased answers to each other or to the person. */
const pseudonym = () => newId('erased');

const toErasure = (row: typeof erasures.$inferSelect): Erasure => ({
  id: row.id,
  userId: row.userId,
  actor: row.actor,
  at: iso(row.at),
  erased: row.summary as ErasureSummary,
});

/**
 * Export and erasure of one end-user in SQLite. Erasure goes through the group commit: one
 * transaction, serialised with the widget's writes, so no answer of the user slips in half-erased.
 */
export function sqliteCustomers(db: Db, write: GroupCommit): CustomerRepository {
  const ofUser = (projectId: string, userId: string) => and(eq(responses.projectId, projectId), eq(responses.userId, userId));
  /** The user's follow-ups, by their answers (read before the answers are anonymised). */
  const followupIdsOf = (projectId: string, userId: string) =>
    db.select({ id: followups.id }).from(followups).innerJoin(responses, eq(responses.id, followups.responseId)).where(ofUser(projectId, userId));

  /** The outbox events about the user, with their deliveries and attempts: each envelope holds their data. */
  const eraseMessages = (projectId: string, userId: string) => {
    const theirs = db.select({ id: outboxEvents.id }).from(outboxEvents).where(and(eq(outboxEvents.projectId, projectId), eq(outboxEvents.userId, userId)));
    const theirDeliveries = db.select({ id: deliveries.id }).from(deliveries).where(inArray(deliveries.eventId, theirs));
    db.delete(deliveryAttempts).where(inArray(deliveryAttempts.deliveryId, theirDeliveries)).run();
    db.delete(deliveries).where(inArray(deliveries.eventId, theirs)).run();
    return db.delete(outboxEvents).where(and(eq(outboxEvents.projectId, projectId), eq(outboxEvents.userId, userId))).run().changes;
  };

  const erase = (projectId: string, userId: string, actor: string, at: Date): Erasure | null => {
    const notes = db
      .delete(followupHistory)
      .where(and(eq(followupHistory.action, 'note'), inArray(followupHistory.followupId, followupIdsOf(projectId, userId))))
      .run().changes;
    const answers = db.select({ id: responses.id }).from(responses).where(ofUser(projectId, userId)).all();
    for (const { id } of answers) {
      // Locale goes too: it is the person's language (from their `identify`), and no count or mean reads it.
      db.update(responses).set({ userId: pseudonym(), comment: null, url: null, locale: null, attributes: null }).where(eq(responses.id, id)).run();
    }
    const summary: ErasureSummary = {
      responses: answers.length,
      events: db.delete(events).where(and(eq(events.projectId, projectId), eq(events.userId, userId))).run().changes,
      profile: db.delete(users).where(and(eq(users.projectId, projectId), eq(users.userId, userId))).run().changes,
      guideProgress: db.delete(guideProgress).where(and(eq(guideProgress.projectId, projectId), eq(guideProgress.userId, userId))).run().changes,
      notes,
      messages: eraseMessages(projectId, userId),
    };
    if (summary.responses + summary.events + summary.profile + summary.guideProgress === 0) return null;
    const row = db.insert(erasures).values({ id: newId('era'), projectId, userId, actor, at: at.getTime(), summary }).returning().get();
    return toErasure(row);
  };

  return {
    async export(projectId, userId, at) {
      const profile = db
        .select()
        .from(users)
        .where(and(eq(users.projectId, projectId), eq(users.userId, userId)))
        .get();
      const answerRows = db.select().from(responses).where(ofUser(projectId, userId)).orderBy(asc(responses.createdAt), asc(responses.id)).all();
      const eventRows = db
        .select()
        .from(events)
        .where(and(eq(events.projectId, projectId), eq(events.userId, userId)))
        .orderBy(asc(events.at), asc(events.id))
        .all();
      const progressRows = db
        .select()
        .from(guideProgress)
        .where(and(eq(guideProgress.projectId, projectId), eq(guideProgress.userId, userId)))
        .orderBy(asc(guideProgress.updatedAt))
        .all();
      if (!profile && answerRows.length === 0 && eventRows.length === 0 && progressRows.length === 0) return null;

      const factors = factorsOf(db, answerRows.map((r) => r.id));
      const clientIdOf = new Map(answerRows.map((r) => [r.id, r.clientId]));
      const followupRows = answerRows.length === 0 ? [] : db.select().from(followups).where(inArray(followups.responseId, [...clientIdOf.keys()])).orderBy(asc(followups.createdAt)).all();
      const historyRows =
        followupRows.length === 0
          ? []
          : db
              .select()
              .from(followupHistory)
              .where(inArray(followupHistory.followupId, followupRows.map((f) => f.id)))
              .orderBy(asc(followupHistory.id))
              .all();

      const result: CustomerExport = {
        projectId,
        userId,
        exportedAt: at.toISOString(),
        profile: profile ? { attributes: profile.attributes, firstSeen: iso(profile.firstSeen), lastSeen: iso(profile.lastSeen) } : null,
        responses: answerRows.map((r) => ({
          id: r.clientId,
          surveyId: r.surveyId,
          score: r.score,
          category: r.category,
          factors: factors.get(r.id) ?? {},
          comment: r.comment,
          locale: r.locale,
          url: r.url,
          attributes: r.attributes,
          createdAt: iso(r.createdAt),
        })),
        events: eventRows.map((e) => ({
          id: e.clientId,
          type: e.type,
          surveyId: e.surveyId,
          guideId: e.guideId,
          stepIndex: e.stepIndex,
          name: e.name,
          props: e.props,
          at: iso(e.at),
        })),
        guideProgress: progressRows.map((g) => ({ guideId: g.guideId, stepIndex: g.stepIndex, status: g.status, updatedAt: iso(g.updatedAt) })),
        followups: followupRows.map((f) => ({
          id: f.id,
          responseId: clientIdOf.get(f.responseId)!,
          status: f.status,
          assignee: f.assignee,
          dueAt: f.dueAt === null ? null : iso(f.dueAt),
          createdAt: iso(f.createdAt),
          history: historyRows.filter((h) => h.followupId === f.id).map(toHistoryEntry),
        })),
      };
      return result;
    },

    async erase(projectId, userId, actor, at) {
      return write(() => erase(projectId, userId, actor, at));
    },

    async erasures(projectId) {
      return db.select().from(erasures).where(eq(erasures.projectId, projectId)).orderBy(desc(erasures.at), desc(sql`rowid`)).all().map(toErasure);
    },
  };
}
