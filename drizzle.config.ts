import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes SQL migrations from the table definitions; they are committed and applied on start. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/data/schema.ts',
  out: './server/data/migrations',
});
