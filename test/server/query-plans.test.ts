import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { makeTempDir, newAnswer, seedGuide, seedProject } from './helpers.ts';

const BASE_TABLES = ['responses', 'response_factors', 'followups', 'followup_history', 'events', 'users', 'projects', 'surveys', 'guides', 'guide_progress'];
const FULL_SCAN = new RegExp(`^SCAN (${BASE_TABLES.join('|')})\\b`);

/**
 * What SQLite does for every statement the console's reads run, read from EXPLAIN QUERY PLAN on
 * a database without ANALYZE statistics (as a fresh install has): each must reach its rows
 * through an index, never a scan of a whole table, and the inbox pages must come in index order.
 */
describe('query plans of the console reads', () => {
  let dir: string;
  let store: Store;
  let statements: string[] = [];
  let explain: (sql: string) => string[];
  let ids: { projectId: string; surveyId: string; guideId: string; followupId: string };

  beforeAll(async () => {
    dir = makeTempDir();
    const file = join(dir, 'plans.sqlite');
    store = openSqliteStore(file, { trace: (sql) => statements.push(sql) });
    const { project, survey } = await seedProject(store);
    const guide = await seedGuide(store, project.id);
    const t = Date.UTC(2025, 2, 1);
    for (let i = 0; i < 60; i++) {
      await store.responses.record(
        newAnswer(
          { projectId: project.id, surveyId: survey.id },
          { clientId: `answer_${i}`, userId: `u${i % 9}`, score: i % 11, factors: { support: (i % 7) - 3 }, comment: i % 3 ? `comment ${i}` : null, attributes: { ltv: i * 100 }, at: new Date(t + i * 3_600_000) },
        ),
      );
    }
    await store.events.record(project.id, [{ clientId: 'shown_1', type: 'survey_shown', surveyId: survey.id, userId: 'u1', at: new Date(t) }]);
    const followupId = (await store.followups.list(project.id, { limit: 1 })).items[0]!.id;
    await store.followups.update(followupId, { note: 'called', assignee: 'sato' }, 'x', new Date());
    ids = { projectId: project.id, surveyId: survey.id, guideId: guide.id, followupId };
    const reader = new Database(file, { readonly: true });
    explain = (sql) => (reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plans of the SELECTs `read` runs, one list of plan lines per statement. */
  async function plansOf(read: () => Promise<unknown>): Promise<Array<{ sql: string; plan: string[] }>> {
    statements = [];
    await read();
    return statements.filter((sql) => /^\s*(select|with)\b/i.test(sql)).map((sql) => ({ sql, plan: explain(sql) }));
  }

  const range = { from: new Date(Date.UTC(2025, 2, 1)), to: new Date(Date.UTC(2025, 3, 1)) };
  const year = { from: new Date(Date.UTC(2024, 3, 1)), to: new Date(Date.UTC(2025, 3, 1)) };
  const drain = async (batches: AsyncIterable<unknown>) => {
    for await (const _ of batches);
  };
  // The project list is every project: the one read that scans its (small) table.
  const READS: Array<[string, () => Promise<unknown>, string?]> = [
    ['project list', () => store.projects.list(), 'projects'],
    ['survey list', () => store.surveys.listByProject(ids.projectId)],
    ['guide list', () => store.guides.listByProject(ids.projectId)],
    ['guide report', () => store.reports.guideAggregates(ids.guideId)],
    ['survey report', () => store.reports.surveyAggregates(ids.surveyId, range, 'week')],
    ['score distribution', () => store.reports.scoreDistribution(ids.surveyId, range)],
    ['users shown', () => store.reports.shownUsers(ids.surveyId, range)],
    ['matrix', () => store.ltvMatrix.counts(ids.surveyId, range, null)],
    ['users shown, a year', () => store.reports.shownUsers(ids.surveyId, year)],
    ['matrix, a year', () => store.ltvMatrix.counts(ids.surveyId, year, null)],
    ['matrix users', () => store.ltvMatrix.users(ids.surveyId, range, null, { row: 'high', column: 'detractor' }, { limit: 10, after: { ltv: 5000, userId: 'u1' } })],
    ['comments', () => store.comments.list(ids.surveyId, { range, limit: 10, after: { createdAt: Date.UTC(2025, 2, 2), rowId: 30 } })],
    ['comments, filtered', () => store.comments.list(ids.surveyId, { range, limit: 10, category: 'detractor', touchpoint: { key: 'support', impact: 'negative' }, text: 'comm' })],
    ['follow-up detail', () => store.followups.get(ids.followupId)],
    ['earlier answers', () => store.responses.ofUser(ids.projectId, 'u1', { exceptId: 'answer_1', limit: 20 })],
    ['follow-up counts', () => store.followups.counts(ids.projectId, {})],
    ['follow-up counts, filtered', () => store.followups.counts(ids.projectId, { assignee: null, minScore: 1, overdue: true, from: range.from })],
    ['follow-ups by assignee', () => store.followups.list(ids.projectId, { limit: 10, status: 'open', assignee: 'sato' })],
    ['follow-ups, all by due date', () => store.followups.list(ids.projectId, { limit: 10, sort: 'due' })],
    ['follow-ups, all by score', () => store.followups.list(ids.projectId, { limit: 10, sort: 'score' })],
    ['follow-ups, overdue', () => store.followups.list(ids.projectId, { limit: 10, status: 'open', overdue: true, sort: 'due' })],
    ['follow-ups, score range', () => store.followups.list(ids.projectId, { limit: 10, status: 'open', minScore: 2, maxScore: 4 })],
    ['responses export', () => drain(store.exports.responses(ids.projectId, range))],
    ['follow-ups export', () => drain(store.exports.followups(ids.projectId, range))],
  ];

  it('counts distinct users over a long window in user order, without sorting the window', async () => {
    const shown = (await plansOf(() => store.reports.shownUsers(ids.surveyId, year))).flatMap(({ plan }) => plan);
    expect(shown.some((line) => line.includes('INDEX events_survey_user_idx'))).toBe(true);
    expect(shown.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
    // The latest answer per user streams out of the by-user index; only the final few cells are grouped.
    const matrix = (await plansOf(() => store.ltvMatrix.counts(ids.surveyId, year, null))).flatMap(({ plan }) => plan);
    const latest = matrix.findIndex((line) => line.includes('INDEX responses_survey_user_idx'));
    expect(latest).toBeGreaterThan(-1);
    expect(matrix[latest + 1]).not.toMatch(/TEMP B-TREE FOR GROUP BY/);
  });

  it.each(READS)('%s reads every table through an index', async (_label, read, scanned) => {
    const plans = await plansOf(read);
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans) expect(plan.filter((line) => FULL_SCAN.test(line) && line !== `SCAN ${scanned}`), sql).toEqual([]);
  });

  // Every status tab in every sort, and all statuses by time (all statuses by due date or score
  // search the same indexes and sort what they find: see the 'all' reads above).
  it.each([
    ['newest', undefined],
    ['oldest', undefined],
    ['newest', 'open'],
    ['oldest', 'resolved'],
    ['due', 'open'],
    ['due', 'in_progress'],
    ['score', 'open'],
    ['score', 'resolved'],
  ] as const)('follow-ups sorted by %s (status %s) come in index order, from a cursor', async (sort, status) => {
    const first = await store.followups.list(ids.projectId, { limit: 2, sort });
    const [page] = await plansOf(() => store.followups.list(ids.projectId, { limit: 2, sort, status, after: first.next! }));
    expect(page!.plan.join('\n')).toMatch(/^SEARCH followups USING (COVERING )?INDEX followups_project_\w+_idx/m);
    expect(page!.plan.filter((line) => line.includes('TEMP B-TREE') || FULL_SCAN.test(line))).toEqual([]);
  });
});
