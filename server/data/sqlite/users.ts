import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { users } from '../schema.ts';
import type { UserRepository } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

/** Identified users in SQLite; `identify` runs on every page view, so its statements are prepared once. */
export function sqliteUsers(db: Db, write: GroupCommit): UserRepository {
  const p = sql.placeholder;
  // The attributes go in as JSON text we serialise ourselves (see responses.ts): null must reach
  // coalesce() as SQL NULL, which keeps the stored attributes.
  const upsert = db
    .insert(users)
    .values({
      projectId: p('projectId'),
      userId: p('userId'),
      attributes: sql`coalesce(${p('attributes')}, '{}')`,
      firstSeen: p('at'),
      lastSeen: p('at'),
    })
    .onConflictDoUpdate({
      target: [users.projectId, users.userId],
      set: { attributes: sql`coalesce(${p('attributes')}, ${users.attributes})`, lastSeen: sql`excluded.last_seen` },
    })
    .returning({ attributes: users.attributes })
    .prepare();
  const attributesOf = db
    .select({ attributes: users.attributes })
    .from(users)
    .where(and(eq(users.projectId, p('projectId')), eq(users.userId, p('userId'))))
    .prepare();

  return {
    async identify(projectId, userId, attributes, at) {
      const json = attributes === null ? null : JSON.stringify(attributes);
      return write(() => upsert.get({ projectId, userId, attributes: json, at: at.getTime() })!.attributes);
    },

    async attributes(projectId, userId) {
      return attributesOf.get({ projectId, userId })?.attributes ?? null;
    },
  };
}
