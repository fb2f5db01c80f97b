import { and, desc, eq, max, ne, sql } from 'drizzle-orm';
import type { Category } from '../../../shared/score.ts';
import type { Db } from '../db.ts';
import { followups, responseFactors, responses } from '../schema.ts';
import type { AnswerEvents, NewResponse, RecordResponseResult, ResponseRepository, StoredAnswer } from '../store.ts';
import { answerColumns } from './columns.ts';
import { factorsOf } from './factors.ts';
import { followupWrites } from './followups.ts';
import type { GroupCommit } from './group-commit.ts';
import { outboxWrites } from './outbox.ts';

// JSON goes in as text we serialise ourselves: a placeholder bound to the json column would
// store SQL NULL as the string 'null', and coalesce() below must see a real NULL.
const jsonOrNull = (value: unknown) => (value === null ? null : JSON.stringify(value));

/**
 * Responses (and their factors) in SQLite. Answers are the hot path, so every statement is
 * prepared once: drizzle's builder costs several times the insert itself.
 */
export function sqliteResponses(db: Db, write: GroupCommit): ResponseRepository {
  const p = sql.placeholder;
  const insertResponse = db
    .insert(responses)
    .values({
      projectId: p('projectId'),
      surveyId: p('surveyId'),
      clientId: p('clientId'),
      userId: p('userId'),
      score: p('score'),
      category: p('category'),
      comment: p('comment'),
      locale: p('locale'),
      url: p('url'),
      attributes: sql`${p('attributes')}`,
      createdAt: p('createdAt'),
    })
    .onConflictDoNothing()
    .returning({ id: responses.id })
    .prepare();
  const findByClientId = db
    .select({ id: responses.id, surveyId: responses.surveyId, userId: responses.userId, category: responses.category, comment: responses.comment, createdAt: responses.createdAt })
    .from(responses)
    .where(and(eq(responses.projectId, p('projectId')), eq(responses.clientId, p('clientId'))))
    .prepare();
  // Re-sends only add: a factor key already stored keeps its first value ...
  const addFactor = db
    .insert(responseFactors)
    .values({ responseId: p('responseId'), key: p('key'), value: p('value'), surveyId: p('surveyId'), createdAt: p('createdAt'), category: p('category') })
    .onConflictDoNothing()
    .prepare();
  // ... and so do comment, locale, url and attributes.
  const fillMissing = db
    .update(responses)
    .set({
      comment: sql`coalesce(${responses.comment}, ${p('comment')})`,
      locale: sql`coalesce(${responses.locale}, ${p('locale')})`,
      url: sql`coalesce(${responses.url}, ${p('url')})`,
      attributes: sql`coalesce(${responses.attributes}, ${p('attributes')})`,
    })
    .where(eq(responses.id, p('id')))
    .prepare();
  const lastAnswers = db
    .select({ surveyId: responses.surveyId, at: max(responses.createdAt) })
    .from(responses)
    .where(and(eq(responses.projectId, p('projectId')), eq(responses.userId, p('userId'))))
    .groupBy(responses.surveyId)
    .prepare();
  // What a completed answer holds now, for its `updated` event.
  const storedAnswer = db
    .select({ ...answerColumns, clientId: responses.clientId, projectId: responses.projectId, createdAt: responses.createdAt, followupId: followups.id, followupDueAt: followups.dueAt })
    .from(responses)
    .leftJoin(followups, eq(followups.responseId, responses.id))
    .where(eq(responses.id, p('id')))
    .prepare();
  const followupWrite = followupWrites(db);
  const outbox = outboxWrites(db);

  /** Factors carry a copy of their answer's survey, time and category (see schema.ts). Returns how many were new. */
  const addFactors = (answer: { id: number; surveyId: string; createdAt: number; category: Category }, factors: Record<string, number>) => {
    let added = 0;
    for (const [key, value] of Object.entries(factors)) {
      added += addFactor.run({ responseId: answer.id, key, value, surveyId: answer.surveyId, createdAt: answer.createdAt, category: answer.category }).changes;
    }
    return added;
  };

  const emit = (events: AnswerEvents | undefined, answer: () => StoredAnswer, change: 'created' | 'updated') => {
    if (!events) return;
    for (const event of events(answer(), change)) outbox.emit(event);
  };

  const reread = (id: number): StoredAnswer => {
    const { followupId, followupDueAt, createdAt, ...row } = storedAnswer.get({ id })!;
    return {
      ...row,
      factors: factorsOf(db, [id]).get(id) ?? {},
      createdAt: new Date(createdAt),
      followup: followupId === null ? null : { id: followupId, dueAt: followupDueAt === null ? null : new Date(followupDueAt) },
    };
  };

  const record = (r: NewResponse, events?: AnswerEvents): RecordResponseResult => {
    const optional = { comment: r.comment, locale: r.locale, url: r.url, attributes: jsonOrNull(r.attributes) };
    const created = insertResponse.get({
      ...optional,
      projectId: r.projectId,
      surveyId: r.surveyId,
      clientId: r.clientId,
      userId: r.userId,
      score: r.score,
      category: r.category,
      createdAt: r.at.getTime(),
    });
    if (created) {
      addFactors({ id: created.id, surveyId: r.surveyId, createdAt: r.at.getTime(), category: r.category }, r.factors);
      const followup = r.openFollowup ? followupWrite.open(r.projectId, created.id, r.score, r.at) : null;
      const { openFollowup: _, at, ...answer } = r;
      emit(events, () => ({ ...answer, createdAt: at, followup }), 'created');
      return { outcome: 'created', category: r.category };
    }

    const stored = findByClientId.get({ projectId: r.projectId, clientId: r.clientId });
    if (!stored) throw new Error(`response ${r.clientId} was neither inserted nor found`);
    if (stored.surveyId !== r.surveyId || stored.userId !== r.userId) return { outcome: 'conflict' };
    const addedFactors = addFactors(stored, r.factors);
    fillMissing.run({ ...optional, id: stored.id });
    // Only what completes the answer is news; a plain retry says nothing again.
    if (addedFactors > 0 || (stored.comment === null && r.comment !== null)) emit(events, () => reread(stored.id), 'updated');
    return { outcome: 'completed', category: stored.category };
  };

  return {
    async record(response, events) {
      return write(() => record(response, events));
    },

    async lastAnsweredAt(projectId, userId) {
      return new Map(lastAnswers.all({ projectId, userId }).map((row) => [row.surveyId, Number(row.at)]));
    },

    async ofUser(projectId, userId, { exceptId, limit }) {
      const rows = db
        .select({
          rowId: responses.id,
          id: responses.clientId,
          surveyId: responses.surveyId,
          score: responses.score,
          category: responses.category,
          comment: responses.comment,
          createdAt: responses.createdAt,
        })
        .from(responses)
        .where(and(eq(responses.projectId, projectId), eq(responses.userId, userId), exceptId === undefined ? undefined : ne(responses.clientId, exceptId)))
        .orderBy(desc(responses.createdAt), desc(responses.id))
        .limit(limit)
        .all();
      const factors = factorsOf(db, rows.map((r) => r.rowId));
      return rows.map(({ rowId, createdAt, ...row }) => ({ ...row, factors: factors.get(rowId) ?? {}, createdAt: new Date(createdAt).toISOString() }));
    },
  };
}
