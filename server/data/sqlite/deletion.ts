import { count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.ts';
import {
  authoringSessions,
  deliveries,
  deliveryAttempts,
  erasures,
  events,
  followupHistory,
  followups,
  guideProgress,
  guides,
  outboxEvents,
  projects,
  responseFactors,
  responses,
  surveys,
  users,
  webhookEndpoints,
} from '../schema.ts';
import type { DeleteOptions, DeleteResult } from '../store.ts';

interface Deletion {
  /** Whether the item is there at all. */
  exists(): boolean;
  /** How many answers depend on it (what `force` is needed for). */
  answers(): number;
  /** Deletes the item and every row that depends on it, children first (foreign keys are on). */
  remove(): void;
}

/**
 * Counts and deletes in one immediate transaction, so an answer that arrives meanwhile either
 * counts (and refuses the delete) or comes after it (and finds the item gone).
 */
function runDeletion(db: Db, deletion: Deletion, { force }: DeleteOptions): DeleteResult {
  return db.transaction(
    () => {
      if (!deletion.exists()) return null;
      const answers = deletion.answers();
      if (answers > 0 && !force) return { outcome: 'has_answers', answers };
      deletion.remove();
      return { outcome: 'deleted' };
    },
    { behavior: 'immediate' },
  );
}

/** Rows of `query` (a select). */
const countOf = (db: Db, query: SQL) => db.get<{ n: number }>(sql`select count(*) as n from (${query})`).n;

/** Answers picked by `where` on `responses`. */
const answersWhere = (db: Db, where: SQL) => db.select({ n: count() }).from(responses).where(where).get()?.n ?? 0;

/** Removes answers (picked by `where` on `responses`) with their touchpoint answers, follow-ups and follow-up history. */
function removeAnswers(db: Db, where: SQL): void {
  const answerIds = db.select({ id: responses.id }).from(responses).where(where);
  const followupIds = db.select({ id: followups.id }).from(followups).where(inArray(followups.responseId, answerIds));
  db.delete(followupHistory).where(inArray(followupHistory.followupId, followupIds)).run();
  db.delete(followups).where(inArray(followups.responseId, answerIds)).run();
  db.delete(responseFactors).where(inArray(responseFactors.responseId, answerIds)).run();
  db.delete(responses).where(where).run();
}

/** Deletes a survey: its answers count; its own events go with it in any case. */
export function deleteSurvey(db: Db, id: string, options: DeleteOptions): DeleteResult {
  return runDeletion(
    db,
    {
      exists: () => db.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, id)).get() !== undefined,
      answers: () => answersWhere(db, eq(responses.surveyId, id)),
      remove() {
        removeAnswers(db, eq(responses.surveyId, id));
        db.delete(events).where(eq(events.surveyId, id)).run();
        db.delete(surveys).where(eq(surveys.id, id)).run();
      },
    },
    options,
  );
}

/** Deletes a guide: the users with events or progress in it count; its authoring sessions go with it in any case. */
export function deleteGuide(db: Db, id: string, options: DeleteOptions): DeleteResult {
  return runDeletion(
    db,
    {
      exists: () => db.select({ id: guides.id }).from(guides).where(eq(guides.id, id)).get() !== undefined,
      answers: () =>
        countOf(
          db,
          sql`select ${events.userId} from ${events} where ${events.guideId} = ${id} union select ${guideProgress.userId} from ${guideProgress} where ${guideProgress.guideId} = ${id}`,
        ),
      remove() {
        db.delete(events).where(eq(events.guideId, id)).run();
        db.delete(guideProgress).where(eq(guideProgress.guideId, id)).run();
        db.delete(authoringSessions).where(eq(authoringSessions.guideId, id)).run();
        db.delete(guides).where(eq(guides.id, id)).run();
      },
    },
    options,
  );
}

/**
 * Deletes a project: its survey answers and its guides' users count; everything else in it
 * (surveys, guides, end-users, authoring sessions, erasure log, webhooks and their deliveries)
 * goes with it in any case.
 */
export function deleteProject(db: Db, id: string, options: DeleteOptions): DeleteResult {
  return runDeletion(
    db,
    {
      exists: () => db.select({ id: projects.id }).from(projects).where(eq(projects.id, id)).get() !== undefined,
      answers: () =>
        answersWhere(db, eq(responses.projectId, id)) +
        countOf(
          db,
          sql`select ${events.guideId}, ${events.userId} from ${events} where ${events.projectId} = ${id} and ${events.guideId} is not null
              union select ${guideProgress.guideId}, ${guideProgress.userId} from ${guideProgress} where ${guideProgress.projectId} = ${id}`,
        ),
      remove() {
        // Webhook deliveries not sent yet go too: their endpoints and events belong to the project.
        db.delete(deliveryAttempts)
          .where(inArray(deliveryAttempts.deliveryId, db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.projectId, id))))
          .run();
        db.delete(deliveries).where(eq(deliveries.projectId, id)).run();
        db.delete(outboxEvents).where(eq(outboxEvents.projectId, id)).run();
        db.delete(webhookEndpoints).where(eq(webhookEndpoints.projectId, id)).run();
        removeAnswers(db, eq(responses.projectId, id));
        db.delete(events).where(eq(events.projectId, id)).run();
        db.delete(guideProgress).where(eq(guideProgress.projectId, id)).run();
        db.delete(authoringSessions).where(eq(authoringSessions.projectId, id)).run();
        db.delete(users).where(eq(users.projectId, id)).run();
        db.delete(erasures).where(eq(erasures.projectId, id)).run();
        db.delete(surveys).where(eq(surveys.projectId, id)).run();
        db.delete(guides).where(eq(guides.projectId, id)).run();
        db.delete(projects).where(eq(projects.id, id)).run();
      },
    },
    options,
  );
}
