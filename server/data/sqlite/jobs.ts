import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { scheduledJobs } from '../schema.ts';
import type { JobRepository } from '../store.ts';

/**
 * Job leases in SQLite. A claim is one conditional UPDATE: SQLite runs writers one at a time, so
 * of concurrent claimers (connections of this or other processes) only the first sees the
 * conditions hold; the others change no row.
 */
export function sqliteJobs(db: Db): JobRepository {
  return {
    async claim(name, owner, now, leaseMs, intervalMs) {
      const at = now.getTime();
      db.insert(scheduledJobs).values({ name }).onConflictDoNothing().run();
      const { changes } = db
        .update(scheduledJobs)
        .set({ leaseOwner: owner, leaseUntil: at + leaseMs })
        .where(
          and(
            eq(scheduledJobs.name, name),
            or(isNull(scheduledJobs.leaseUntil), lte(scheduledJobs.leaseUntil, at)),
            or(isNull(scheduledJobs.lastRunAt), lte(scheduledJobs.lastRunAt, at - intervalMs)),
          ),
        )
        .run();
      return changes === 1;
    },

    async release(name, owner, ranAt) {
      db.update(scheduledJobs)
        .set({ leaseOwner: null, leaseUntil: null, lastRunAt: ranAt === null ? sql`${scheduledJobs.lastRunAt}` : ranAt.getTime() })
        .where(and(eq(scheduledJobs.name, name), eq(scheduledJobs.leaseOwner, owner)))
        .run();
    },
  };
}
