import { inArray } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { responseFactors } from '../schema.ts';

/**
 * Touchpoint answers of many responses in one query: response row id → { key: value }, with an
 * empty object for responses without any. Lists load a page of rows, then their factors with this.
 */
export function factorsOf(db: Db, responseIds: readonly number[]): Map<number, Record<string, number>> {
  const byResponse = new Map<number, Record<string, number>>(responseIds.map((id) => [id, {}]));
  if (responseIds.length === 0) return byResponse;
  const rows = db
    .select()
    .from(responseFactors)
    .where(inArray(responseFactors.responseId, [...responseIds]))
    .all();
  for (const { responseId, key, value } of rows) byResponse.get(responseId)![key] = value;
  return byResponse;
}

