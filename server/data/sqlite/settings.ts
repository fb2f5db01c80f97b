import { eq } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { settings } from '../schema.ts';
import type { SettingsRepository } from '../store.ts';

/** Key/value settings in SQLite. */
export function sqliteSettings(db: Db): SettingsRepository {
  const read = (key: string) => db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
  return {
    async get(key) {
      return read(key);
    },
    async getOrCreate(key, create) {
      const existing = read(key);
      if (existing !== null) return existing;
      const value = create();
      // Another process may have raced us here: its value wins, so both print the same one.
      db.insert(settings).values({ key, value }).onConflictDoNothing().run();
      return read(key) ?? value;
    },
    async set(key, value) {
      db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    },
  };
}
