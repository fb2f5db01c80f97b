import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Followup, FollowupHistoryEntry } from '../../../shared/schemas/followup.ts';
import type { Db } from '../db.ts';
import { followupChanges, type FollowupChange } from '../followup-changes.ts';
import { newId } from '../ids.ts';
import { followupHistory, followups, responseFactors, responses } from '../schema.ts';
import type { FollowupRepository } from '../store.ts';

/** The actor recorded for what the server does by itself. */
const SYSTEM_ACTOR = 'system';

const iso = (ms: number) => new Date(ms).toISOString();

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
    .values({ id: p('id'), projectId: p('projectId'), responseId: p('responseId'), status: 'open', assignee: null, createdAt: p('at'), updatedAt: p('at') })
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
    /** Opens the follow-up of a new low-score response (at most one per response). */
    open(projectId: string, responseId: number, at: Date) {
      const created = insertFollowup.get({ id: newId('fu'), projectId, responseId, at: at.getTime() });
      if (created) addHistory(created.id, at, SYSTEM_ACTOR, [{ action: 'created', from: null, to: 'open' }]);
    },
  };
}

const followupColumns = {
  id: followups.id,
  projectId: followups.projectId,
  status: followups.status,
  assignee: followups.assignee,
  createdAt: followups.createdAt,
  updatedAt: followups.updatedAt,
  rowId: responses.id,
  surveyId: responses.surveyId,
  responseId: responses.clientId,
  userId: responses.userId,
  score: responses.score,
  category: responses.category,
  comment: responses.comment,
  locale: responses.locale,
  url: responses.url,
  attributes: responses.attributes,
  answeredAt: responses.createdAt,
};

/** Follow-ups in SQLite, each loaded with its response, factors and history. */
export function sqliteFollowups(db: Db): FollowupRepository {
  const { addHistory } = followupWrites(db);
  const select = (where: SQL | undefined) =>
    db.select(followupColumns).from(followups).innerJoin(responses, eq(responses.id, followups.responseId)).where(where);

  type Row = ReturnType<ReturnType<typeof select>['all']>[number];

  // Three queries per page, whatever its size: rows, then all their factors, then all their history.
  const assemble = (rows: Row[]): Followup[] => {
    if (rows.length === 0) return [];
    const factorRows = db
      .select()
      .from(responseFactors)
      .where(inArray(responseFactors.responseId, rows.map((r) => r.rowId)))
      .all();
    const historyRows = db
      .select()
      .from(followupHistory)
      .where(inArray(followupHistory.followupId, rows.map((r) => r.id)))
      .orderBy(followupHistory.id)
      .all();
    const factorsByResponse = groupBy(factorRows, (f) => f.responseId);
    const historyByFollowup = groupBy(historyRows, (h) => h.followupId);
    return rows.map((row) => ({
      id: row.id,
      projectId: row.projectId,
      surveyId: row.surveyId,
      responseId: row.responseId,
      userId: row.userId,
      status: row.status,
      assignee: row.assignee,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
      response: {
        score: row.score,
        category: row.category,
        factors: Object.fromEntries((factorsByResponse.get(row.rowId) ?? []).map((f) => [f.key, f.value])),
        comment: row.comment,
        locale: row.locale,
        url: row.url,
        createdAt: iso(row.answeredAt),
      },
      attributes: row.attributes ?? {},
      history: (historyByFollowup.get(row.id) ?? []).map(
        (h): FollowupHistoryEntry => ({
          at: iso(h.at),
          actor: h.actor,
          action: h.action,
          from: h.fromValue,
          to: h.toValue,
          ...(h.note === null ? {} : { note: h.note }),
        }),
      ),
    }));
  };

  const getOne = (id: string): Followup | null => assemble(select(eq(followups.id, id)).all())[0] ?? null;

  return {
    async list(projectId, { status, limit, after }) {
      const rows = select(
        and(
          eq(followups.projectId, projectId),
          status && eq(followups.status, status),
          after && sql`(${followups.createdAt}, ${followups.id}) < (${after.createdAt}, ${after.id})`,
        ),
      )
        .orderBy(desc(followups.createdAt), desc(followups.id))
        .limit(limit + 1)
        .all();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: assemble(page),
        next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
      };
    },

    async get(id) {
      return getOne(id);
    },

    async update(id, patch, actor, at) {
      return db.transaction(() => {
        const current = db.select({ status: followups.status, assignee: followups.assignee }).from(followups).where(eq(followups.id, id)).get();
        if (!current) return null;
        const changes = followupChanges(current, patch);
        if (changes.length > 0) {
          db.update(followups)
            .set({ status: patch.status ?? current.status, assignee: patch.assignee === undefined ? current.assignee : patch.assignee, updatedAt: at.getTime() })
            .where(eq(followups.id, id))
            .run();
          addHistory(id, at, actor, changes);
        }
        return getOne(id);
      });
    },
  };
}
