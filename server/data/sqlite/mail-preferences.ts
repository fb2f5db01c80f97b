import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { consoleUsers, mailPreferences } from '../schema.ts';
import type { MailPreferenceRepository } from '../store.ts';

const NONE = { assigned: false, newDetractor: false, dailyDigest: false };

/** Mail choices in `mail_preferences`, one row per account that ever chose (removed with the account). */
export function sqliteMailPreferences(db: Db): MailPreferenceRepository {
  const exists = (accountId: string) => db.select({ id: consoleUsers.id }).from(consoleUsers).where(eq(consoleUsers.id, accountId)).get() !== undefined;

  return {
    async get(accountId) {
      const row = db
        .select({ assigned: mailPreferences.assigned, newDetractor: mailPreferences.newDetractor, dailyDigest: mailPreferences.dailyDigest })
        .from(mailPreferences)
        .where(eq(mailPreferences.accountId, accountId))
        .get();
      return row ?? { ...NONE };
    },

    async set(accountId, { assigned, newDetractor, dailyDigest }, at) {
      return db.transaction(() => {
        if (!exists(accountId)) return false;
        const values = { assigned, newDetractor, dailyDigest, updatedAt: at.getTime() };
        db.insert(mailPreferences)
          .values({ accountId, ...values })
          .onConflictDoUpdate({ target: mailPreferences.accountId, set: values })
          .run();
        return true;
      });
    },

    async setLanguage(accountId, language, at) {
      return db.update(consoleUsers).set({ language, updatedAt: at }).where(eq(consoleUsers.id, accountId)).run().changes > 0;
    },

    async recipients(kind, emails) {
      if (emails?.length === 0) return [];
      return db
        .select({ id: consoleUsers.id })
        .from(mailPreferences)
        .innerJoin(consoleUsers, eq(consoleUsers.id, mailPreferences.accountId))
        .where(and(eq(mailPreferences[kind], true), eq(consoleUsers.disabled, false), emails ? inArray(consoleUsers.email, [...emails]) : undefined))
        .orderBy(asc(consoleUsers.createdAt), asc(consoleUsers.id))
        .all()
        .map((row) => row.id);
    },

    async recipient(accountId) {
      return (
        db
          .select({ email: consoleUsers.email, name: consoleUsers.name, language: consoleUsers.language, disabled: consoleUsers.disabled })
          .from(consoleUsers)
          .where(eq(consoleUsers.id, accountId))
          .get() ?? null
      );
    },
  };
}
