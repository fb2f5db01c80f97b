import type { z } from 'zod';
import { fieldError } from '../../errors.ts';

type CursorValue = string | number | null;

/**
 * An opaque page cursor: base64url of the JSON array `[kind, ...values]`, where `values` are the
 * sort key and id of the page's last item and `kind` names the list and its order.
 */
export const encodeCursor = (kind: string, values: readonly CursorValue[]): string => Buffer.from(JSON.stringify([kind, ...values])).toString('base64url');

const invalidCursor = (message: string) => fieldError(400, 'invalid_query', [{ path: 'cursor', message }]);

/**
 * The values of a cursor made by `encodeCursor(kind, …)`, checked against `values`. A cursor of
 * another kind (another sort, another matrix cell) is refused with a 400 naming `cursor` rather
 * than paging from a position that means nothing in this order.
 */
export function decodeCursor<T extends z.ZodType>(cursor: string, kind: string, values: T): z.output<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    throw invalidCursor('not a cursor this server made');
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw invalidCursor('not a cursor this server made');
  if (parsed[0] !== kind) throw invalidCursor(`made for "${parsed[0]}", not for "${kind}": start again without a cursor`);
  const result = values.safeParse(parsed.slice(1));
  if (!result.success) throw invalidCursor('not a cursor this server made');
  return result.data;
}
