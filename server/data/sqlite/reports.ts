import { and, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { EventType } from '../../../shared/schemas/event.ts';
import { CATEGORIES, SCORE_MAX, SCORE_MIN, type Category } from '../../../shared/score.ts';
import type { Db } from '../db.ts';
import { events, responseFactors, responses, surveys } from '../schema.ts';
import type { ReportInterval, ReportRange, ReportRepository } from '../store.ts';

const DAY_MS = 86_400_000;

/** Start of the UTC day, ISO week (Monday) or month of a day number (days since 1970-01-01), as 'YYYY-MM-DD'. */
const periodOfDay: Record<ReportInterval, (day: SQL) => SQL<string>> = {
  day: (day) => sql<string>`date(${day} * 86400, 'unixepoch')`,
  // 'weekday 0' moves forward to Sunday (or stays on it); six days back is that week's Monday.
  week: (day) => sql<string>`date(${day} * 86400, 'unixepoch', 'weekday 0', '-6 days')`,
  month: (day) => sql<string>`strftime('%Y-%m-01', ${day} * 86400, 'unixepoch')`,
};

const countOf = (category: Category) => sql<number>`coalesce(sum(${responses.category} = ${category}), 0)`;
const tallyColumns = { promoters: countOf('promoter'), passives: countOf('passive'), detractors: countOf('detractor') };

const f = responseFactors;
const meanOf = (sum: number, count: number) => (count === 0 ? null : sum / count);

// Distinct users, so an event the widget sent twice (or a tour seen on two pages) counts once.
const usersWith = (type: EventType) => sql<number>`count(distinct case when ${events.type} = ${type} then ${events.userId} end)`;

/** The tally columns named for use in a subquery. */
const aliased = ({ promoters, passives, detractors }: typeof tallyColumns) => ({
  promoters: promoters.as('promoters'),
  passives: passives.as('passives'),
  detractors: detractors.as('detractors'),
});

/**
 * Whether counting distinct users over `range` should read a by-user index (the whole survey in
 * user order, no sort) rather than the by-time one (only the window, then a sort by user): past
 * about a quarter, sorting the window costs more than walking the survey. SQLite's planner, without
 * statistics, always picks by time.
 */
export const longRange = ({ from, to }: ReportRange) => !from || !to || to.getTime() - from.getTime() > LONG_RANGE_MS;
const LONG_RANGE_MS = 90 * DAY_MS;

/** A survey's answers in `[from, to)`: a range of `responses_survey_time_idx`. */
export const answersIn = (surveyId: string, { from, to }: ReportRange) =>
  and(eq(responses.surveyId, surveyId), from && gte(responses.createdAt, from.getTime()), to && lt(responses.createdAt, to.getTime()));

/** Report aggregates computed in SQLite with GROUP BY; no response rows reach JavaScript. */
export function sqliteReports(db: Db): ReportRepository {
  return {
    async surveyAggregates(surveyId, range, interval) {
      const inRange = answersIn(surveyId, range);

      // One range of response_factors_survey_key_idx per touchpoint of the survey and category
      // (the copies of survey, time and category on each factor make it covering): no join, no
      // sort. Sums and counts are exact integers; the means are divided out below.
      const factorTime = and(range.from && gte(f.createdAt, range.from.getTime()), range.to && lt(f.createdAt, range.to.getTime()));
      const touchpointKey = sql`json_extract(touchpoint.value, '$.key')`;
      const categories = sql.join(CATEGORIES.map((c) => sql`(${c})`), sql`, `);
      const factorRows = db.all<{ key: string; category: Category; sums: string }>(sql`
        select ${touchpointKey} as key, category.column1 as category,
          (select json_array(coalesce(sum(${f.value}), 0), count(*)) from ${f}
            where ${f.surveyId} = ${surveys.id} and ${f.key} = ${touchpointKey} and ${f.category} = category.column1 ${factorTime ? sql`and ${factorTime}` : sql``}) as sums
        from ${surveys}, json_each(${surveys.touchpoints}) as touchpoint, (values ${categories}) as category
        where ${surveys.id} = ${surveyId}`);
      const byKey = new Map<string, { sum: number; count: number; meanByCategory: Record<Category, number | null> }>();
      for (const { key, category, sums } of factorRows) {
        const [sum, count] = JSON.parse(sums) as [number, number];
        const factor = byKey.get(key) ?? { sum: 0, count: 0, meanByCategory: { detractor: null, passive: null, promoter: null } };
        factor.sum += sum;
        factor.count += count;
        factor.meanByCategory[category] = meanOf(sum, count);
        byKey.set(key, factor);
      }
      const factors = [...byKey].flatMap(([key, { sum, count, meanByCategory }]) => (count === 0 ? [] : [{ key, mean: sum / count, count, meanByCategory }]));

      // Per UTC day first (integer division per row), then days into periods: the date functions
      // run once per day, not once per answer.
      // The divisor is written into the SQL: bound, it would be a REAL and the days fractional.
      const days = db
        .select({ day: sql<number>`${responses.createdAt} / ${sql.raw(String(DAY_MS))}`.as('day'), ...aliased(tallyColumns) })
        .from(responses)
        .where(inRange)
        .groupBy(sql`1`)
        .as('days');
      const period = periodOfDay[interval](sql`${days.day}`);
      const trend = db
        .select({
          period,
          promoters: sql<number>`sum(${days.promoters})`,
          passives: sql<number>`sum(${days.passives})`,
          detractors: sql<number>`sum(${days.detractors})`,
        })
        .from(days)
        .groupBy(period)
        .orderBy(period)
        .all();

      // The whole range is the sum of its periods: no second pass over the answers.
      const tally = { promoters: 0, passives: 0, detractors: 0 };
      for (const row of trend) {
        tally.promoters += row.promoters;
        tally.passives += row.passives;
        tally.detractors += row.detractors;
      }
      return { tally, factors, trend };
    },

    async scoreDistribution(surveyId, range) {
      const rows = db
        .select({ score: responses.score, n: sql<number>`count(*)` })
        .from(responses)
        .where(answersIn(surveyId, range))
        .groupBy(responses.score)
        .all();
      const counts = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, () => 0);
      for (const { score, n } of rows) counts[score - SCORE_MIN] = n;
      return counts;
    },

    async shownUsers(surveyId, range) {
      const index = sql.raw(longRange(range) ? 'events_survey_user_idx' : 'events_survey_idx');
      const shown = db.get<{ n: number }>(sql`
        select count(distinct ${events.userId}) as n from ${events} indexed by ${index}
        where ${and(
          // Says what both partial indexes cover, so SQLite may read them.
          sql`${events.surveyId} is not null`,
          eq(events.surveyId, surveyId),
          eq(events.type, 'survey_shown'),
          range.from && gte(events.at, range.from.getTime()),
          range.to && lt(events.at, range.to.getTime()),
        )}`);
      return shown?.n ?? 0;
    },

    async guideAggregates(guideId) {
      const totals = db
        .select({ shown: usersWith('guide_shown'), completed: usersWith('guide_completed'), dismissed: usersWith('guide_dismissed') })
        .from(events)
        .where(and(eq(events.guideId, guideId), inArray(events.type, ['guide_shown', 'guide_completed', 'guide_dismissed'])))
        .get() ?? { shown: 0, completed: 0, dismissed: 0 };
      const steps = db
        .select({ index: sql<number>`${events.stepIndex}`, shown: usersWith('guide_step_shown'), completed: usersWith('guide_step_completed') })
        .from(events)
        .where(and(eq(events.guideId, guideId), inArray(events.type, ['guide_step_shown', 'guide_step_completed']), isNotNull(events.stepIndex)))
        .groupBy(events.stepIndex)
        .orderBy(events.stepIndex)
        .all();
      return { ...totals, steps };
    },
  };
}
