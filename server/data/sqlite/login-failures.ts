import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { loginFailures } from '../schema.ts';
import type { LoginFailure, LoginFailureRepository } from '../store.ts';

type Row = typeof loginFailures.$inferSelect;

const toRecord = (row: Row): LoginFailure => ({
  failures: row.failures,
  firstFailureAt: new Date(row.firstFailureAt),
  blockedUntil: row.blockedUntil === null ? null : new Date(row.blockedUntil),
});

const toColumns = (record: LoginFailure) => ({
  failures: record.failures,
  firstFailureAt: record.firstFailureAt.getTime(),
  blockedUntil: record.blockedUntil?.getTime() ?? null,
});

/** Failed sign-ins in SQLite, one row per key. */
export function sqliteLoginFailures(db: Db): LoginFailureRepository {
  const read = db
    .select()
    .from(loginFailures)
    .where(eq(loginFailures.key, sql.placeholder('key')))
    .prepare();

  return {
    async get(keys) {
      if (keys.length === 0) return new Map();
      const rows = db.select().from(loginFailures).where(inArray(loginFailures.key, [...keys])).all();
      return new Map(rows.map((row) => [row.key, toRecord(row)]));
    },

    async update(key, next) {
      // IMMEDIATE takes the write lock before the read: another process's failure for the same
      // key waits for this one instead of reading the same count and overwriting it.
      return db.transaction(
        () => {
          const row = read.get({ key });
          const record = next(row ? toRecord(row) : null);
          const columns = toColumns(record);
          db.insert(loginFailures)
            .values({ key, ...columns })
            .onConflictDoUpdate({ target: loginFailures.key, set: columns })
            .run();
          return record;
        },
        { behavior: 'immediate' },
      );
    },

    async clear(key) {
      db.delete(loginFailures).where(eq(loginFailures.key, key)).run();
    },

    async deleteIdleSince(before) {
      const at = before.getTime();
      db.delete(loginFailures)
        .where(and(lte(loginFailures.firstFailureAt, at), lte(sql`coalesce(${loginFailures.blockedUntil}, 0)`, at)))
        .run();
    },
  };
}
