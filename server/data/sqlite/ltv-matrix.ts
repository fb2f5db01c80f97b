import { sql, type SQL } from 'drizzle-orm';
import type { LtvRow } from '../../../shared/schemas/dashboard.ts';
import type { Category } from '../../../shared/score.ts';
import type { Db } from '../db.ts';
import { responses } from '../schema.ts';
import type { LtvBoundarySetting, LtvMatrixCounts, LtvMatrixRepository, ReportRange } from '../store.ts';
import { answersIn, longRange } from './reports.ts';

/** The `ltv` of a JSON attributes column when it is a number; NULL otherwise (missing, text, …). */
const numericLtv = (column: SQL) => sql`case when json_type(${column}, '$.ltv') in ('integer', 'real') then json_extract(${column}, '$.ltv') end`;

/**
 * The common part of every matrix query, as CTEs:
 * - `latest`: each user's latest answer to the survey in the range (SQLite takes the bare
 *   columns of a max() aggregate from the row holding the max), read from the covering index;
 * - `valued`: with the LTV of the user's stored attributes, else of the answer's;
 * - `boundary`: the setting, else the median of the known LTVs (the mean of the middle two
 *   when their number is even), else NULL.
 * `valued` is materialized once: the boundary and the cells both read it.
 */
function matrixCtes(surveyId: string, range: ReportRange, setting: LtvBoundarySetting): SQL {
  return sql`
    with latest as materialized (
      select ${responses.userId} as user_id, max(${responses.createdAt}) as created_at, ${responses.id} as row_id,
             ${responses.category} as category, ${responses.score} as score
      from ${responses} indexed by ${sql.raw(longRange(range) ? 'responses_survey_user_idx' : 'responses_survey_time_idx')}
      where ${answersIn(surveyId, range)}
      group by ${responses.userId}
    ),
    valued as materialized (
      select latest.*, r.client_id as client_id, coalesce(${numericLtv(sql`u.attributes`)}, ${numericLtv(sql`r.attributes`)}) as ltv
      from latest
      join responses r on r.id = latest.row_id
      left join users u on u.project_id = r.project_id and u.user_id = latest.user_id
    ),
    boundary as (
      select coalesce(${setting}, (
        select avg(ltv) from (
          select ltv, row_number() over (order by ltv) as rn, count(*) over () as n from valued where ltv is not null
        ) where rn in ((n + 1) / 2, (n + 2) / 2)
      )) as value
    )`;
}

const emptyCells = (): LtvMatrixCounts['cells'] => ({
  high: { detractor: 0, passive: 0, promoter: 0 },
  low: { detractor: 0, passive: 0, promoter: 0 },
});

/** The LTV matrix in SQLite: one query per call, aggregated there; only the page of a cell's users reaches JavaScript. */
export function sqliteLtvMatrix(db: Db): LtvMatrixRepository {
  return {
    async counts(surveyId, range, setting) {
      const rows = db.all<{ boundary: number | null; row: LtvRow | 'unknown'; category: Category; n: number }>(sql`
        ${matrixCtes(surveyId, range, setting)}
        select boundary.value as boundary,
               case when valued.ltv is null or boundary.value is null then 'unknown'
                    when valued.ltv >= boundary.value then 'high' else 'low' end as row,
               valued.category as category, count(*) as n
        from valued, boundary
        group by 2, 3`);
      const result: LtvMatrixCounts = { boundary: rows[0]?.boundary ?? setting, cells: emptyCells(), unknownLtv: 0 };
      for (const { row, category, n } of rows) {
        if (row === 'unknown') result.unknownLtv += n;
        else result.cells[row][category] = n;
      }
      return result;
    },

    async users(surveyId, range, setting, { row, column }, { limit, after }) {
      const inRow = row === 'high' ? sql`valued.ltv >= boundary.value` : sql`valued.ltv < boundary.value`;
      const afterCursor = after ? sql`and (valued.ltv < ${after.ltv} or (valued.ltv = ${after.ltv} and valued.user_id > ${after.userId}))` : sql``;
      const rows = db.all<{ userId: string; score: number; ltv: number; createdAt: number; responseId: string }>(sql`
        ${matrixCtes(surveyId, range, setting)}
        select valued.user_id as userId, valued.score as score, valued.ltv as ltv, valued.created_at as createdAt, valued.client_id as responseId
        from valued, boundary
        where valued.ltv is not null and boundary.value is not null and ${inRow} and valued.category = ${column} ${afterCursor}
        order by valued.ltv desc, valued.user_id asc
        limit ${limit + 1}`);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(({ createdAt, ...user }) => ({ ...user, respondedAt: new Date(createdAt).toISOString() })),
        next: rows.length > limit && last ? { ltv: last.ltv, userId: last.userId } : null,
      };
    },
  };
}
