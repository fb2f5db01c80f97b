import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Followup, FollowupCounts, FollowupHistoryEntry, FollowupSort } from '../../../shared/schemas/followup.ts';
import type { Db } from '../db.ts';
import { followupChanges, type FollowupChange } from '../followup-changes.ts';
import { followupDueAt, isOverdue } from '../followup-due.ts';
import { newId } from '../ids.ts';
import { followupHistory, followups, responses } from '../schema.ts';
import type { FollowupCursor, FollowupFilter, FollowupRepository } from '../store.ts';
import { answerColumns } from './columns.ts';
import { factorsOf } from './factors.ts';
import { outboxWrites } from './outbox.ts';

/** The actor recorded for what the server does by itself. */
const SYSTEM_ACTOR = 'system';

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * The follow-up writes shared by the response path (opening one inside the answer's
 * transaction) and by updates, prepared once.
 */
export function followupWrites(db: Db) {
  const p = sql.placeholder;
  const insertFollowup = db
    .insert(followups)
    .values({
      id: p('id'),
      projectId: p('projectId'),
      responseId: p('responseId'),
      status: 'open',
      assignee: null,
      score: p('score'),
      dueAt: p('dueAt'),
      createdAt: p('at'),
      updatedAt: p('at'),
    })
    .onConflictDoNothing()
    .returning({ id: followups.id })
    .prepare();
  const insertHistory = db
    .insert(followupHistory)
    .values({ followupId: p('followupId'), at: p('at'), actor: p('actor'), action: p('action'), fromValue: p('from'), toValue: p('to'), note: p('note') })
    .prepare();

  const addHistory = (followupId: string, at: Date, actor: string, changes: readonly FollowupChange[]) => {
    for (const c of changes) insertHistory.run({ followupId, at: at.getTime(), actor, action: c.action, from: c.from, to: c.to, note: c.note ?? null });
  };

  return {
    addHistory,
    /** Opens the follow-up of a new low-score response (at most one per response), due 2 business days after it. */
    open(projectId: string, responseId: number, score: number, at: Date): { id: string; dueAt: Date } | null {
      const dueAt = followupDueAt(at);
      const created = insertFollowup.get({ id: newId('fu'), projectId, responseId, score, dueAt: dueAt.getTime(), at: at.getTime() });
      if (!created) return null;
      addHistory(created.id, at, SYSTEM_ACTOR, [{ action: 'created', from: null, to: 'open' }]);
      return { id: created.id, dueAt };
    },
  };
}

const followupColumns = {
  id: followups.id,
  projectId: followups.projectId,
  status: followups.status,
  assignee: followups.assignee,
  dueAt: followups.dueAt,
  // The copy the score sort orders by, for the cursor (equal to the response's score).
  sortScore: followups.score,
  createdAt: followups.createdAt,
  updatedAt: followups.updatedAt,
  rowId: responses.id,
  responseId: responses.clientId,
  answeredAt: responses.createdAt,
  ...answerColumns,
};

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A stored history row as the API shows it (follow-ups, customer exports). */
export const toHistoryEntry = (h: typeof followupHistory.$inferSelect): FollowupHistoryEntry => ({
  at: iso(h.at),
  actor: h.actor,
  action: h.action,
  from: h.fromValue,
  to: h.toValue,
  ...(h.note === null ? {} : { note: h.note }),
});

/** The inbox filters as SQL over `followups` alone, so each can be answered from its indexes. */
function filterSql(projectId: string, f: FollowupFilter, now: number): SQL | undefined {
  return and(
    eq(followups.projectId, projectId),
    f.assignee === null ? isNull(followups.assignee) : f.assignee === undefined ? undefined : eq(followups.assignee, f.assignee),
    f.minScore === undefined ? undefined : gte(followups.score, f.minScore),
    f.maxScore === undefined ? undefined : lte(followups.score, f.maxScore),
    f.from && gte(followups.createdAt, f.from.getTime()),
    f.to && lt(followups.createdAt, f.to.getTime()),
    // The SQL twin of isOverdue(): a NULL due date compares as unknown, so it is never overdue.
    f.overdue ? and(ne(followups.status, 'resolved'), lt(followups.dueAt, now)) : undefined,
  );
}

/** Follow-ups in SQLite, each loaded with its response, factors and history. */
export function sqliteFollowups(db: Db): FollowupRepository {
  const { addHistory } = followupWrites(db);
  const outbox = outboxWrites(db);
  const select = (where: SQL | undefined) =>
    db.select(followupColumns).from(followups).innerJoin(responses, eq(responses.id, followups.responseId)).where(where);

  type Row = ReturnType<ReturnType<typeof select>['all']>[number];

  // Three queries per page, whatever its size: rows, then all their factors, then all their history.
  const assemble = (rows: Row[]): Followup[] => {
    if (rows.length === 0) return [];
    const now = Date.now();
    const factors = factorsOf(db, rows.map((r) => r.rowId));
    const historyRows = db
      .select()
      .from(followupHistory)
      .where(inArray(followupHistory.followupId, rows.map((r) => r.id)))
      .orderBy(followupHistory.id)
      .all();
    const historyByFollowup = groupBy(historyRows, (h) => h.followupId);
    return rows.map((row) => ({
      id: row.id,
      projectId: row.projectId,
      surveyId: row.surveyId,
      responseId: row.responseId,
      userId: row.userId,
      status: row.status,
      assignee: row.assignee,
      dueAt: isoOrNull(row.dueAt),
      overdue: isOverdue(row.status, row.dueAt, now),
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      response: {
        score: row.score,
        category: row.category,
        factors: factors.get(row.rowId) ?? {},
        comment: row.comment,
        locale: row.locale,
        url: row.url,
        createdAt: iso(row.answeredAt),
      },
      attributes: row.attributes ?? {},
      history: (historyByFollowup.get(row.id) ?? []).map(toHistoryEntry),
    }));
  };

  /**
   * Up to `n` rows after `after` in the sort's order, each sort reading one index in order. `due`
   * puts follow-ups without a due date last: it reads the dated ones, then tops up with the rest.
   */
  const pageRows = (where: SQL | undefined, sort: FollowupSort, after: FollowupCursor | undefined, n: number): Row[] => {
    if (after && after.sort !== sort) throw new RangeError(`a ${after.sort} cursor cannot page the ${sort} sort`);
    const { createdAt, id, score, dueAt } = followups;
    switch (sort) {
      case 'newest':
        return select(and(where, after?.sort === 'newest' ? sql`(${createdAt}, ${id}) < (${after.createdAt}, ${after.id})` : undefined))
          .orderBy(desc(createdAt), desc(id))
          .limit(n)
          .all();
      case 'oldest':
        return select(and(where, after?.sort === 'oldest' ? sql`(${createdAt}, ${id}) > (${after.createdAt}, ${after.id})` : undefined))
          .orderBy(asc(createdAt), asc(id))
          .limit(n)
          .all();
      case 'score':
        return select(and(where, after?.sort === 'score' ? sql`(${score}, ${createdAt}, ${id}) > (${after.score}, ${after.createdAt}, ${after.id})` : undefined))
          .orderBy(asc(score), asc(createdAt), asc(id))
          .limit(n)
          .all();
      case 'due': {
        // Ties in due date (and those without one) oldest answer first.
        const cursor = after?.sort === 'due' ? after : undefined;
        const dated =
          cursor?.dueAt === null
            ? []
            : select(and(where, isNotNull(dueAt), cursor ? sql`(${dueAt}, ${createdAt}, ${id}) > (${cursor.dueAt}, ${cursor.createdAt}, ${cursor.id})` : undefined))
                .orderBy(asc(dueAt), asc(createdAt), asc(id))
                .limit(n)
                .all();
        if (dated.length === n) return dated;
        const undated = select(and(where, isNull(dueAt), cursor?.dueAt === null ? sql`(${createdAt}, ${id}) > (${cursor.createdAt}, ${cursor.id})` : undefined))
          .orderBy(asc(createdAt), asc(id))
          .limit(n - dated.length)
          .all();
        return [...dated, ...undated];
      }
    }
  };

  const cursorOf = (sort: FollowupSort, row: Row): FollowupCursor => {
    if (sort === 'due') return { sort, dueAt: row.dueAt, createdAt: row.createdAt, id: row.id };
    if (sort === 'score') return { sort, score: row.sortScore ?? row.score, createdAt: row.createdAt, id: row.id };
    return { sort, createdAt: row.createdAt, id: row.id };
  };

  const getOne = (id: string): Followup | null => assemble(select(eq(followups.id, id)).all())[0] ?? null;

  return {
    async list(projectId, { status, sort = 'newest', limit, after, ...filter }) {
      const where = and(filterSql(projectId, filter, Date.now()), status && eq(followups.status, status));
      const rows = pageRows(where, sort, after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: assemble(page), next: rows.length > limit && last ? cursorOf(sort, last) : null };
    },

    async counts(projectId, filter) {
      const rows = db
        .select({ status: followups.status, n: sql<number>`count(*)` })
        .from(followups)
        .where(filterSql(projectId, filter, Date.now()))
        .groupBy(followups.status)
        .all();
      const counts: FollowupCounts = { open: 0, in_progress: 0, resolved: 0 };
      for (const { status, n } of rows) counts[status] = n;
      return counts;
    },

    async get(id) {
      return getOne(id);
    },

    async dueBetween(projectId, after, until) {
      // One range of the (project, status, due) index per status still to handle.
      const rows = select(
        and(eq(followups.projectId, projectId), inArray(followups.status, ['open', 'in_progress']), gt(followups.dueAt, after.getTime()), lte(followups.dueAt, until.getTime())),
      )
        .orderBy(asc(followups.dueAt), asc(followups.id))
        .all();
      return assemble(rows);
    },

    async update(id, patch, actor, at, events) {
      return db.transaction(() => {
        const current = db
          .select({ status: followups.status, assignee: followups.assignee, dueAt: followups.dueAt })
          .from(followups)
          .where(eq(followups.id, id))
          .get();
        if (!current) return null;
        const changes = followupChanges({ ...current, dueAt: isoOrNull(current.dueAt) }, patch);
        if (changes.length > 0) {
          db.update(followups)
            .set({
              status: patch.status ?? current.status,
              assignee: patch.assignee === undefined ? current.assignee : patch.assignee,
              dueAt: patch.dueAt === undefined ? current.dueAt : patch.dueAt === null ? null : Date.parse(patch.dueAt),
              updatedAt: at.getTime(),
            })
            .where(eq(followups.id, id))
            .run();
          addHistory(id, at, actor, changes);
        }
        const updated = getOne(id);
        if (updated && changes.length > 0 && events) for (const event of events(updated, changes, actor, at)) outbox.emit(event);
        return updated;
      });
    },
  };
}
