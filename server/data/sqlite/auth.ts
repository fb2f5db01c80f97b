import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '../db.ts';
import { consoleAccounts, consoleSessions, consoleUsers, consoleVerifications } from '../schema.ts';

/** better-auth's view of the console account tables: it runs its own queries through this adapter. */
export const sqliteAuthDatabase = (db: Db) =>
  drizzleAdapter(db, {
    provider: 'sqlite',
    schema: { user: consoleUsers, session: consoleSessions, account: consoleAccounts, verification: consoleVerifications },
  });
