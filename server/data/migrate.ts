import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './db.ts';

// From source this is server/data/migrations; in the bundle (dist/server/main.js) it is
// dist/server/migrations, where the server build copies the folder.
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the drizzle-kit migrations not applied yet. */
export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder });
}
