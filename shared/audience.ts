import type { Audience, Condition } from './schemas/audience.ts';
import type { UserAttributes } from './schemas/common.ts';

const DAY_MS = 86_400_000;

/** A date attribute as ms since epoch: epoch ms/seconds numbers or ISO strings. */
function toTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

/** Orders numbers as numbers, and strings that are both dates as dates; anything else does not compare. */
function compare(actual: unknown, expected: unknown): number | null {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  if (typeof actual === 'string' && typeof expected === 'number' && actual.trim() !== '' && Number.isFinite(Number(actual))) {
    return Number(actual) - expected;
  }
  const a = toTime(actual);
  const b = typeof expected === 'string' ? toTime(expected) : null;
  return a !== null && b !== null ? a - b : null;
}

function holds(c: Condition, attributes: UserAttributes, now: number): boolean {
  const actual = attributes[c.attribute];
  const present = actual !== undefined && actual !== null;
  switch (c.op) {
    case 'exists':
      return present === (c.value ?? true);
    case 'eq':
      return present && actual === c.value;
    case 'neq':
      return actual !== c.value;
    case 'in':
      return present && Array.isArray(c.value) && c.value.includes(actual);
    case 'contains':
      return typeof actual === 'string' && typeof c.value === 'string' && actual.toLowerCase().includes(c.value.toLowerCase());
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = present ? compare(actual, c.value) : null;
      if (d === null) return false;
      return c.op === 'gt' ? d > 0 : c.op === 'gte' ? d >= 0 : c.op === 'lt' ? d < 0 : d <= 0;
    }
    case 'olderThanDays':
    case 'newerThanDays': {
      const t = toTime(actual);
      if (t === null || typeof c.value !== 'number') return false;
      const age = now - t;
      return c.op === 'olderThanDays' ? age > c.value * DAY_MS : age <= c.value * DAY_MS;
    }
  }
}

/**
 * Whether a user with these `identify` attributes is in the audience. Pure, so the server
 * (authoritative) and the widget (re-checking when attributes change) decide alike.
 * No audience, or empty lists, means everyone.
 */
export function matchesAudience(audience: Audience | null | undefined, attributes: UserAttributes, now: number): boolean {
  if (!audience) return true;
  const all = audience.all ?? [];
  const any = audience.any ?? [];
  return all.every((c) => holds(c, attributes, now)) && (any.length === 0 || any.some((c) => holds(c, attributes, now)));
}
