import { isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ArchivedFilter } from '../../../shared/schemas/archive.ts';

/** The condition an `archived` list filter puts on an `archived_at` column; undefined for none. */
export function archivedWhere(column: SQLiteColumn, filter: ArchivedFilter = 'include'): SQL | undefined {
  if (filter === 'exclude') return isNull(column);
  if (filter === 'only') return isNotNull(column);
  return undefined;
}

/**
 * What a patch's `archived` flag sets `archived_at` to: the time of the first archiving (archiving
 * again keeps it), null to unarchive, undefined (no change) without the flag.
 */
export function archivedAtSet(column: SQLiteColumn, archived: boolean | undefined, now: number): SQL | null | undefined {
  if (archived === undefined) return undefined;
  return archived ? sql`coalesce(${column}, ${now})` : null;
}

/** A stored `archived_at` as the API gives it. */
export const archivedAtIso = (archivedAt: number | null) => (archivedAt === null ? null : new Date(archivedAt).toISOString());
