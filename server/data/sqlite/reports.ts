import { and, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { EventType } from '../../../shared/schemas/event.ts';
import { SCORE_MAX, SCORE_MIN, type Category } from '../../../shared/score.ts';
import type { Db } from '../db.ts';
import { events, responseFactors, responses } from '../schema.ts';
import type { ReportInterval, ReportRange, ReportRepository } from '../store.ts';

const seconds = sql`${responses.createdAt} / 1000, 'unixepoch'`;

/** Start of the UTC day, ISO week (Monday) or month of a response, as 'YYYY-MM-DD'. */
const periodStart: Record<ReportInterval, SQL<string>> = {
  day: sql<string>`strftime('%Y-%m-%d', ${seconds})`,
  // 'weekday 0' moves forward to Sunday (or stays on it); six days back is that week's Monday.
  week: sql<string>`date(${seconds}, 'weekday 0', '-6 days')`,
  month: sql<string>`strftime('%Y-%m-01', ${seconds})`,
};

const countOf = (category: Category) => sql<number>`coalesce(sum(${responses.category} = ${category}), 0)`;
const tallyColumns = { promoters: countOf('promoter'), passives: countOf('passive'), detractors: countOf('detractor') };
// avg() skips NULLs: a category with no answers for a factor yields NULL, not 0.
const factorMeanOf = (category: Category) => sql<number | null>`avg(case when ${responses.category} = ${category} then ${responseFactors.value} end)`;

// Distinct users, so an event the widget sent twice (or a tour seen on two pages) counts once.
const usersWith = (type: EventType) => sql<number>`count(distinct case when ${events.type} = ${type} then ${events.userId} end)`;

/** A survey's answers in `[from, to)`: a range of `responses_survey_time_idx`. */
export const answersIn = (surveyId: string, { from, to }: ReportRange) =>
  and(eq(responses.surveyId, surveyId), from && gte(responses.createdAt, from.getTime()), to && lt(responses.createdAt, to.getTime()));

/** Report aggregates computed in SQLite with GROUP BY; no response rows reach JavaScript. */
export function sqliteReports(db: Db): ReportRepository {
  return {
    async surveyAggregates(surveyId, range, interval) {
      const inRange = answersIn(surveyId, range);

      const tally = db.select(tallyColumns).from(responses).where(inRange).get() ?? { promoters: 0, passives: 0, detractors: 0 };

      const factorRows = db
        .select({
          key: responseFactors.key,
          mean: sql<number>`avg(${responseFactors.value})`,
          count: sql<number>`count(*)`,
          promoter: factorMeanOf('promoter'),
          passive: factorMeanOf('passive'),
          detractor: factorMeanOf('detractor'),
        })
        .from(responses)
        .innerJoin(responseFactors, eq(responseFactors.responseId, responses.id))
        .where(inRange)
        .groupBy(responseFactors.key)
        .all();

      const period = periodStart[interval];
      const trend = db
        .select({ period, ...tallyColumns })
        .from(responses)
        .where(inRange)
        .groupBy(period)
        .orderBy(period)
        .all();

      return {
        tally,
        factors: factorRows.map(({ key, mean, count, promoter, passive, detractor }) => ({
          key,
          mean,
          count,
          meanByCategory: { promoter, passive, detractor },
        })),
        trend,
      };
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

    async reach(surveyId, range) {
      const shown = db
        .select({ n: sql<number>`count(distinct ${events.userId})` })
        .from(events)
        .where(
          and(
            // Says what events_survey_idx covers, so the planner may read that partial index.
            sql`${events.surveyId} is not null`,
            eq(events.surveyId, surveyId),
            eq(events.type, 'survey_shown'),
            range.from && gte(events.at, range.from.getTime()),
            range.to && lt(events.at, range.to.getTime()),
          ),
        )
        .get();
      const answered = db
        .select({ n: sql<number>`count(distinct ${responses.userId})` })
        .from(responses)
        .where(answersIn(surveyId, range))
        .get();
      return { shown: shown?.n ?? 0, answered: answered?.n ?? 0 };
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
