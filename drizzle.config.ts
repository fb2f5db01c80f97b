import { defineConfig } from 'drizzle-kit';

/**
 * `npm run db:generate` writes SQL migrations from the table definitions; they are committed and applied on start.
 * Generate a column that becomes nullable (SQLite rebuilds the table) apart from columns added to
 * that table: drizzle-kit 0.31 copies the new columns from the old table in the rebuild, which
 * fails on every existing database (so 0001 rebuilds `events`, 0002 adds its guide columns).
 */
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/data/schema.ts',
  out: './server/data/migrations',
});
