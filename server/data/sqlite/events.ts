import { and, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { events } from '../schema.ts';
import type { EventRepository } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

/** Widget events in SQLite. */
export function sqliteEvents(db: Db, write: GroupCommit): EventRepository {
  const lastDismissals = db
    .select({ surveyId: events.surveyId, at: max(events.at) })
    .from(events)
    .where(
      and(
        eq(events.projectId, sql.placeholder('projectId')),
        eq(events.userId, sql.placeholder('userId')),
        eq(events.type, 'survey_dismissed'),
      ),
    )
    .groupBy(events.surveyId)
    .prepare();

  return {
    async record(projectId, batch) {
      if (batch.length === 0) return 0;
      const rows = batch.map((e) => ({ projectId, clientId: e.clientId, type: e.type, surveyId: e.surveyId, userId: e.userId, at: e.at.getTime() }));
      // One statement: the batch is stored whole or not at all; known ids are skipped.
      return write(() => db.insert(events).values(rows).onConflictDoNothing().run().changes);
    },

    async lastDismissedAt(projectId, userId) {
      return new Map(lastDismissals.all({ projectId, userId }).map((row) => [row.surveyId, Number(row.at)]));
    },
  };
}
