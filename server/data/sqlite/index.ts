import { openDb, type DbOptions } from '../db.ts';
import { migrateDb } from '../migrate.ts';
import type { Store } from '../store.ts';
import { sqliteAuthDatabase } from './auth.ts';
import { sqliteAuthoring } from './authoring.ts';
import { sqliteComments } from './comments.ts';
import { sqliteCustomers } from './customers.ts';
import { sqliteConsoleAccounts } from './console-accounts.ts';
import { sqliteEvents } from './events.ts';
import { sqliteExports } from './exports.ts';
import { sqliteFollowups } from './followups.ts';
import { groupCommit } from './group-commit.ts';
import { sqliteJobs } from './jobs.ts';
import { sqliteGuides } from './guides.ts';
import { sqliteLoginFailures } from './login-failures.ts';
import { sqliteLtvMatrix } from './ltv-matrix.ts';
import { sqliteMailPreferences } from './mail-preferences.ts';
import { sqliteMeta } from './meta.ts';
import { sqliteOutbox } from './outbox.ts';
import { sqliteProjects } from './projects.ts';
import { sqliteReports } from './reports.ts';
import { sqliteResponses } from './responses.ts';
import { sqliteRetention } from './retention.ts';
import { sqliteSettings } from './settings.ts';
import { sqliteSurveys } from './surveys.ts';
import { sqliteUsers } from './users.ts';
import { sqliteWebhooks } from './webhooks.ts';

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
    outbox: sqliteOutbox(db),
    webhooks: sqliteWebhooks(db),
    customers: sqliteCustomers(db, write),
    retention: sqliteRetention(db, write),
    jobs: sqliteJobs(db),
    consoleAccounts: sqliteConsoleAccounts(db),
    loginFailures: sqliteLoginFailures(db),
    mailPreferences: sqliteMailPreferences(db),
    authDatabase: sqliteAuthDatabase(db),
    meta: sqliteMeta(db),
    async close() {
      db.$client.close();
    },
  };
}
