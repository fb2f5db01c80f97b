import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { newId } from '../ids.ts';
import { authoringSessions } from '../schema.ts';
import type { AuthoringRepository } from '../store.ts';

const scope = { projectId: authoringSessions.projectId, guideId: authoringSessions.guideId, origin: authoringSessions.origin };

/** Authoring links and sessions in SQLite; one row each, found by the hash of its token. */
export function sqliteAuthoring(db: Db): AuthoringRepository {
  const p = sql.placeholder;
  // Single use rests on this one statement: the first trade sets session_hash, and every later
  // (or concurrent) one finds it set and matches no row.
  const trade = db
    .update(authoringSessions)
    .set({ sessionHash: sql`${p('sessionHash')}`, sessionExpiresAt: sql`${p('sessionExpiresAt')}` })
    .where(and(eq(authoringSessions.linkHash, p('linkHash')), isNull(authoringSessions.sessionHash), gt(authoringSessions.linkExpiresAt, p('now'))))
    .returning(scope)
    .prepare();
  const bySession = db
    .select({ ...scope, expiresAt: sql<number>`${authoringSessions.sessionExpiresAt}` })
    .from(authoringSessions)
    .where(and(eq(authoringSessions.sessionHash, p('sessionHash')), gt(authoringSessions.sessionExpiresAt, p('now'))))
    .prepare();
  // A row is of no use once its link expired unused or its session ended.
  const prune = db
    .delete(authoringSessions)
    .where(lte(sql`coalesce(${authoringSessions.sessionExpiresAt}, ${authoringSessions.linkExpiresAt})`, p('now')))
    .prepare();

  return {
    async createLink({ projectId, guideId, origin, linkHash, expiresAt, createdBy }) {
      const now = Date.now();
      // Each new link clears out the ended ones: the table holds only what can still be used.
      db.transaction(() => {
        prune.run({ now });
        db.insert(authoringSessions)
          .values({ id: newId('as'), projectId, guideId, origin, linkHash, linkExpiresAt: expiresAt.getTime(), createdBy, createdAt: now })
          .run();
      });
    },

    async exchange(linkHash, sessionHash, now, sessionExpiresAt) {
      return trade.get({ linkHash, sessionHash, now: now.getTime(), sessionExpiresAt: sessionExpiresAt.getTime() }) ?? null;
    },

    async session(sessionHash, now) {
      const row = bySession.get({ sessionHash, now: now.getTime() });
      return row ? { ...row, expiresAt: new Date(row.expiresAt) } : null;
    },
  };
}
