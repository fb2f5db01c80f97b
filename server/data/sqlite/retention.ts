import { eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { events, projects, responses, surveys } from '../schema.ts';
import type { RetentionRepository, RetentionResult } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

const DAY_MS = 86_400_000;
const DEFAULT_BATCH = 1000;

/**
 * Retention in SQLite. Each batch is its own short write through the group commit, so answers
 * and events keep being stored between batches however much there is to delete.
 */
export function sqliteRetention(db: Db, write: GroupCommit): RetentionRepository {
  /** Deletes the project's events before `cutoff`; returns how many. */
  async function deleteEvents(projectId: string, cutoff: number, batch: number): Promise<number> {
    let deleted = 0;
    let afterId = 0;
    for (;;) {
      // Walks the table in rowid order from where the last batch stopped (there is no index on
      // (project, time)), so all batches together read the table once.
      const ids = db.all<{ id: number }>(
        sql`select id from ${events} not indexed where id > ${afterId} and project_id = ${projectId} and at < ${cutoff} order by id limit ${batch}`,
      );
      if (ids.length === 0) return deleted;
      const chunk = ids.map((row) => row.id);
      deleted += await write(() => db.delete(events).where(inArray(events.id, chunk)).run().changes);
      if (ids.length < batch) return deleted;
      afterId = chunk.at(-1)!;
    }
  }

  /** Clears the comment of the project's answers before `cutoff`; returns how many. */
  async function clearComments(projectId: string, cutoff: number, batch: number): Promise<number> {
    let cleared = 0;
    const surveyIds = db.select({ id: surveys.id }).from(surveys).where(eq(surveys.projectId, projectId)).all();
    for (const { id: surveyId } of surveyIds) {
      for (;;) {
        // The comment index holds only answers with a comment: a cleared answer leaves it, so each
        // batch reads just the next ones to clear.
        const ids = db.all<{ id: number }>(
          sql`select id from ${responses} where survey_id = ${surveyId} and created_at < ${cutoff} and comment <> '' limit ${batch}`,
        );
        if (ids.length === 0) break;
        const chunk = ids.map((row) => row.id);
        cleared += await write(() => db.update(responses).set({ comment: null }).where(inArray(responses.id, chunk)).run().changes);
        if (ids.length < batch) break;
      }
    }
    return cleared;
  }

  return {
    async run(now, { batchSize = DEFAULT_BATCH } = {}) {
      const due = db.select({ id: projects.id, days: projects.retentionDays }).from(projects).where(isNotNull(projects.retentionDays)).all();
      const results: RetentionResult[] = [];
      for (const { id, days } of due) {
        const cutoff = now.getTime() - days! * DAY_MS;
        const result = { projectId: id, events: await deleteEvents(id, cutoff, batchSize), comments: await clearComments(id, cutoff, batchSize) };
        await write(() =>
          db
            .update(projects)
            .set({ retentionRunAt: now.getTime(), retentionResult: { events: result.events, comments: result.comments } })
            .where(eq(projects.id, id))
            .run(),
        );
        results.push(result);
      }
      return results;
    },
  };
}
