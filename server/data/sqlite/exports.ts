import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { isOverdue } from '../followup-due.ts';
import { followupHistory, followups, responses, surveys } from '../schema.ts';
import type { ExportRepository, FollowupExportRow, ReportRange, ResponseExportRow } from '../store.ts';
import { answerColumns } from './columns.ts';
import { factorsOf } from './factors.ts';
import { answersIn } from './reports.ts';

/** Rows per query: large enough that a 100k-row export is 100 short queries, small enough that each is a few ms. */
const BATCH = 1000;

/**
 * Reads `batch(after)` until it comes back short, handing each batch over and letting the event
 * loop run between them, so answers keep being stored while a large export streams.
 */
async function* keyset<Row, Out>(batch: (after: Row | undefined) => Row[], shape: (rows: Row[]) => Out[]): AsyncGenerator<Out[]> {
  let after: Row | undefined;
  for (;;) {
    const rows = batch(after);
    if (rows.length > 0) yield shape(rows);
    if (rows.length < BATCH) return;
    after = rows.at(-1);
    await nextTurn();
  }
}

/** Whole-project exports in SQLite, in keyset batches over the time indexes. */
export function sqliteExports(db: Db): ExportRepository {
  const responseRows = (surveyId: string, range: ReportRange) =>
    keyset(
      (after: { rowId: number; createdAt: number } | undefined) =>
        db
          .select({ rowId: responses.id, clientId: responses.clientId, createdAt: responses.createdAt, ...answerColumns })
          .from(responses)
          .where(and(answersIn(surveyId, range), after && sql`(${responses.createdAt}, ${responses.id}) > (${after.createdAt}, ${after.rowId})`))
          .orderBy(asc(responses.createdAt), asc(responses.id))
          .limit(BATCH)
          .all(),
      (rows): ResponseExportRow[] => {
        const factors = factorsOf(db, rows.map((r) => r.rowId));
        return rows.map(({ rowId, ...row }) => ({ ...row, factors: factors.get(rowId) ?? {} }));
      },
    );

  return {
    async *responses(projectId, range) {
      const surveyIds = db
        .select({ id: surveys.id })
        .from(surveys)
        .where(eq(surveys.projectId, projectId))
        .orderBy(asc(surveys.createdAt), asc(sql`rowid`))
        .all();
      for (const { id } of surveyIds) yield* responseRows(id, range);
    },

    followups(projectId, { from, to }) {
      const now = Date.now();
      return keyset(
        (after: { id: string; createdAt: number } | undefined) =>
          db
            .select({
              id: followups.id,
              createdAt: followups.createdAt,
              status: followups.status,
              assignee: followups.assignee,
              dueAt: followups.dueAt,
              userId: responses.userId,
              score: responses.score,
              comment: responses.comment,
              lastNote: sql<string | null>`(select ${followupHistory.note} from ${followupHistory}
                where ${followupHistory.followupId} = ${followups.id} and ${followupHistory.action} = 'note'
                order by ${followupHistory.id} desc limit 1)`,
            })
            .from(followups)
            .innerJoin(responses, eq(responses.id, followups.responseId))
            .where(
              and(
                eq(followups.projectId, projectId),
                from && gte(followups.createdAt, from.getTime()),
                to && lt(followups.createdAt, to.getTime()),
                after && sql`(${followups.createdAt}, ${followups.id}) > (${after.createdAt}, ${after.id})`,
              ),
            )
            .orderBy(asc(followups.createdAt), asc(followups.id))
            .limit(BATCH)
            .all(),
        (rows): FollowupExportRow[] => rows.map((row) => ({ ...row, overdue: isOverdue(row.status, row.dueAt, now) })),
      );
    },
  };
}
