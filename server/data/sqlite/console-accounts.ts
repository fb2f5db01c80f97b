import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Account, RemovedAccount } from '../../../shared/schemas/account.ts';
import type { Db } from '../db.ts';
import { consoleSessions, consoleUsers, removedConsoleUsers } from '../schema.ts';
import { LAST_OWNER, type ConsoleAccountRepository } from '../store.ts';

type UserRow = typeof consoleUsers.$inferSelect;
type RemovedRow = typeof removedConsoleUsers.$inferSelect;

const toAccount = ({ id, email, name, role, disabled, createdAt }: UserRow): Account => ({ id, email, name, role, disabled, createdAt: createdAt.toISOString() });

const toRemoved = ({ id, email, name, removedAt, removedBy }: RemovedRow): RemovedAccount => ({ id, email, name, removedAt: new Date(removedAt).toISOString(), removedBy });

/** Console accounts in SQLite, beside the better-auth adapter that creates them (./auth.ts). */
export function sqliteConsoleAccounts(db: Db): ConsoleAccountRepository {
  const byId = (id: string) => db.select().from(consoleUsers).where(eq(consoleUsers.id, id)).get();

  /** Whether an enabled owner other than `id` exists. */
  const anotherOwner = (id: string) =>
    db
      .select({ one: sql`1` })
      .from(consoleUsers)
      .where(and(eq(consoleUsers.role, 'owner'), eq(consoleUsers.disabled, false), ne(consoleUsers.id, id)))
      .limit(1)
      .get() !== undefined;

  /** Whether taking `user` out of the enabled owners would leave none. */
  const isLastOwner = (user: UserRow) => user.role === 'owner' && !user.disabled && !anotherOwner(user.id);

  // IMMEDIATE: the write lock is taken before the owner check, so a concurrent change from
  // another connection (another server process) waits and then sees this one's result.
  const immediate = { behavior: 'immediate' } as const;

  return {
    async list() {
      return db.select().from(consoleUsers).orderBy(asc(consoleUsers.createdAt), asc(consoleUsers.id)).all().map(toAccount);
    },

    async listRemoved() {
      return db.select().from(removedConsoleUsers).orderBy(desc(removedConsoleUsers.removedAt), asc(removedConsoleUsers.id)).all().map(toRemoved);
    },

    async isEnabled(email) {
      return (
        db
          .select({ one: sql`1` })
          .from(consoleUsers)
          .where(and(eq(consoleUsers.email, email), eq(consoleUsers.disabled, false)))
          .get() !== undefined
      );
    },

    async update(id, patch, at) {
      return db.transaction(() => {
        const user = byId(id);
        if (!user) return null;
        const next = { ...user, role: patch.role ?? user.role, disabled: patch.disabled ?? user.disabled, updatedAt: at };
        const staysOwner = next.role === 'owner' && !next.disabled;
        if (!staysOwner && isLastOwner(user)) return LAST_OWNER;
        db.update(consoleUsers).set({ role: next.role, disabled: next.disabled, updatedAt: at }).where(eq(consoleUsers.id, id)).run();
        // Signed out everywhere in the same commit: no request after it finds a session.
        if (next.disabled) db.delete(consoleSessions).where(eq(consoleSessions.userId, id)).run();
        return toAccount(next);
      }, immediate);
    },

    async remove(id, actor, at) {
      return db.transaction(() => {
        const user = byId(id);
        if (!user) return null;
        if (isLastOwner(user)) return LAST_OWNER;
        const removed = { id, email: user.email, name: user.name, removedAt: at.getTime(), removedBy: actor };
        db.insert(removedConsoleUsers).values(removed).run();
        // Sessions and credentials go with it (ON DELETE CASCADE).
        db.delete(consoleUsers).where(eq(consoleUsers.id, id)).run();
        return toRemoved(removed);
      }, immediate);
    },
  };
}
