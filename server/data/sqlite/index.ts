import { openDb, type DbOptions } from '../db.ts';
import { migrateDb } from '../migrate.ts';
import type { Store } from '../store.ts';
import { sqliteAuthDatabase } from './auth.ts';
import { sqliteAuthoring } from './authoring.ts';
import { sqliteComments } from './comments.ts';
import { sqliteEvents } from './events.ts';
import { sqliteExports } from './exports.ts';
import { sqliteFollowups } from './followups.ts';
import { groupCommit } from './group-commit.ts';
import { sqliteGuides } from './guides.ts';
import { sqliteLtvMatrix } from './ltv-matrix.ts';
import { sqliteProjects } from './projects.ts';
import { sqliteReports } from './reports.ts';
import { sqliteResponses } from './responses.ts';
import { sqliteSettings } from './settings.ts';
import { sqliteSurveys } from './surveys.ts';
import { sqliteUsers } from './users.ts';

/**
 * Opens the SQLite file (creating it), applies pending migrations and returns the store over it.
 * @example const store = openSqliteStore('./data/kizuna.sqlite');
 */
export function openSqliteStore(file: string, options: DbOptions = {}): Store {
  const db = openDb(file, options);
  migrateDb(db);
  const write = groupCommit(db);
  return {
    settings: sqliteSettings(db),
    projects: sqliteProjects(db, write),
    surveys: sqliteSurveys(db),
    guides: sqliteGuides(db),
    users: sqliteUsers(db, write),
    responses: sqliteResponses(db, write),
    events: sqliteEvents(db, write),
    followups: sqliteFollowups(db),
    reports: sqliteReports(db),
    ltvMatrix: sqliteLtvMatrix(db),
    comments: sqliteComments(db),
    exports: sqliteExports(db),
    authoring: sqliteAuthoring(db),
    authDatabase: sqliteAuthDatabase(db),
    async close() {
      db.$client.close();
    },
  };
}
