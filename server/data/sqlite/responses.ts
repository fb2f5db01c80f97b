import { and, desc, eq, max, ne, sql } from 'drizzle-orm';
import type { Category } from '../../../shared/score.ts';
import type { Db } from '../db.ts';
import { responseFactors, responses } from '../schema.ts';
import type { NewResponse, RecordResponseResult, ResponseRepository } from '../store.ts';
import { factorsOf } from './factors.ts';
import { followupWrites } from './followups.ts';
import type { GroupCommit } from './group-commit.ts';

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
    .select({ id: responses.id, surveyId: responses.surveyId, userId: responses.userId, category: responses.category, createdAt: responses.createdAt })
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
  const followups = followupWrites(db);

  /** Factors carry a copy of their answer's survey, time and category (see schema.ts). */
  const addFactors = (answer: { id: number; surveyId: string; createdAt: number; category: Category }, factors: Record<string, number>) => {
    for (const [key, value] of Object.entries(factors)) {
      addFactor.run({ responseId: answer.id, key, value, surveyId: answer.surveyId, createdAt: answer.createdAt, category: answer.category });
    }
  };

  const record = (r: NewResponse): RecordResponseResult => {
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
      if (r.openFollowup) followups.open(r.projectId, created.id, r.score, r.at);
      return { outcome: 'created', category: r.category };
    }

    const stored = findByClientId.get({ projectId: r.projectId, clientId: r.clientId });
    if (!stored) throw new Error(`response ${r.clientId} was neither inserted nor found`);
    if (stored.surveyId !== r.surveyId || stored.userId !== r.userId) return { outcome: 'conflict' };
    addFactors(stored, r.factors);
    fillMissing.run({ ...optional, id: stored.id });
    return { outcome: 'completed', category: stored.category };
  };

  return {
    async record(response) {
      return write(() => record(response));
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
