import type { Issue } from './errors.ts';

/**
 * Keys that name JavaScript's object machinery. `JSON.parse` keeps them as plain own keys, but
 * code that copies or spreads the value may drop them or reach the prototype: refused, not dropped.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A NUL, or a UTF-16 surrogate without its other half (matched per code unit: no `u` flag). */
const BAD_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** How many bad strings or keys {@link findBadText} reports before it stops looking. */
export const MAX_BAD_TEXT_ISSUES = 5;

/**
 * Why `text` cannot be stored as text, or undefined when it can: a NUL (cut short or refused by
 * databases and CSV readers) or a lone surrogate (no UTF-8 for it: stored and exported as U+FFFD
 * or broken bytes).
 */
export function textProblem(text: string): string | undefined {
  BAD_CHAR.lastIndex = 0;
  const found = BAD_CHAR.exec(text)?.[0];
  if (found === undefined) return undefined;
  return found === '\u0000' ? 'contains a NUL character (U+0000)' : 'contains a lone UTF-16 surrogate, which is not Unicode text';
}

/** `text` with its NULs and lone surrogates written as `\u0000`, `\ud800`, so a path naming them can be shown. */
export const printable = (text: string): string =>
  text.replace(BAD_CHAR, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The strings and keys of a parsed JSON value that are not text or are reserved keys
 * (`__proto__`, `constructor`, `prototype`), as issues with dotted paths (`attributes.plan`,
 * `events.2.userId`, `attributes.__proto__`); at most `limit`, empty when all is well. Walks
 * without recursion, so a deeply nested body cannot overflow the stack.
 * @example findBadText(JSON.parse('{"comment":"a\\u0000b"}')) // [{ path: 'comment', message: 'contains a NUL character (U+0000)' }]
 */
export function findBadText(value: unknown, limit = MAX_BAD_TEXT_ISSUES): Issue[] {
  const issues: Issue[] = [];
  // Each entry is a value to look at, or a bad key found while listing its object's keys.
  const pending: Array<{ value: unknown; path: string; badKey?: string }> = [{ value, path: '' }];
  while (pending.length > 0 && issues.length < limit) {
    const { value: current, path, badKey } = pending.pop()!;
    if (badKey !== undefined) {
      issues.push({ path, message: badKey });
      continue;
    }
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) issues.push({ path, message: problem });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const children: typeof pending = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) => children.push({ value: item, path: join(path, String(index)) }));
    } else {
      // Own keys only: JSON.parse('{"__proto__":1}') makes an own key named __proto__.
      for (const key of Object.keys(current)) {
        const keyPath = join(path, printable(key));
        const problem = textProblem(key);
        if (RESERVED_KEYS.has(key)) children.push({ value: undefined, path: keyPath, badKey: `"${key}" is not allowed as a key` });
        else if (problem) children.push({ value: undefined, path: keyPath, badKey: `the key ${problem}` });
        else children.push({ value: (current as Record<string, unknown>)[key], path: keyPath });
      }
    }
    // Reversed onto the stack, so values are looked at in the order they were sent.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return issues;
}
