import { and, desc, eq, exists, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { responseFactors, responses } from '../schema.ts';
import type { CommentRepository } from '../store.ts';
import { factorsOf } from './factors.ts';
import { answersIn } from './reports.ts';

/** A LIKE pattern matching `text` anywhere, its `%`, `_` and `\` taken literally (with ESCAPE '\'). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Comments in SQLite, read newest first from `responses_comment_idx` (answers with a comment only). */
export function sqliteComments(db: Db): CommentRepository {
  return {
    async list(surveyId, { range, category, touchpoint, text, limit, after }) {
      const rated =
        touchpoint &&
        exists(
          db
            .select({ one: sql`1` })
            .from(responseFactors)
            .where(
              and(
                eq(responseFactors.responseId, responses.id),
                eq(responseFactors.key, touchpoint.key),
                touchpoint.impact === 'negative' ? lt(responseFactors.value, 0) : touchpoint.impact === 'positive' ? gt(responseFactors.value, 0) : undefined,
              ),
            ),
        );
      const rows = db
        .select({
          rowId: responses.id,
          responseId: responses.clientId,
          userId: responses.userId,
          score: responses.score,
          category: responses.category,
          comment: responses.comment,
          createdAt: responses.createdAt,
        })
        .from(responses)
        .where(
          and(
            answersIn(surveyId, range),
            // The partial index's own condition, written the same way so the planner can use it.
            sql`comment <> ''`,
            category && eq(responses.category, category),
            rated,
            text === undefined ? undefined : sql`${responses.comment} like ${containsPattern(text)} escape '\\'`,
            after && sql`(${responses.createdAt}, ${responses.id}) < (${after.createdAt}, ${after.rowId})`,
          ),
        )
        .orderBy(desc(responses.createdAt), desc(responses.id))
        .limit(limit + 1)
        .all();
      const page = rows.slice(0, limit);
      const factors = factorsOf(db, page.map((r) => r.rowId));
      const last = page.at(-1);
      return {
        items: page.map(({ rowId, comment, createdAt, ...row }) => ({
          ...row,
          comment: comment ?? '',
          factors: factors.get(rowId) ?? {},
          createdAt: new Date(createdAt).toISOString(),
        })),
        next: rows.length > limit && last ? { createdAt: last.createdAt, rowId: last.rowId } : null,
      };
    },
  };
}
