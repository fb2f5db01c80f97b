import type { Permission } from '../../shared/roles.ts';

// What each admin path (below /api/v1/admin) changes, first match wins. A path missing here
// can only be changed by an owner: new routes fail closed until they are listed.
const AREAS: ReadonlyArray<readonly [RegExp, Permission]> = [
  [/^\/users(\/|$)/, 'users'],
  [/^\/projects\/[^/]+\/surveys(\/|$)/, 'surveys'],
  [/^\/projects\/[^/]+\/guides(\/|$)/, 'guides'],
  [/^\/projects\/[^/]+\/customers(\/|$)/, 'privacy'],
  [/^\/projects\/[^/]+\/webhooks(\/|$)/, 'integrations'],
  [/^\/(webhooks|deliveries)\//, 'integrations'],
  [/^\/surveys\//, 'surveys'],
  [/^\/guides\//, 'guides'],
  [/^\/followups\//, 'followups'],
  [/^\/projects(\/|$)/, 'projects'],
];

// Requests kept to owners although their path is in an area: deleting a whole project takes
// every survey, guide and answer in it (its archive stays with the `projects` area).
const OWNER_ONLY: ReadonlyArray<readonly [string, RegExp]> = [['DELETE', /^\/projects\/[^/]+$/]];

// The caller's own settings (its language, what it is mailed): every role changes its own.
const OWN = /^\/me(\/|$)/;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The area a request changes, or null for reads (every role may read); `own` for the caller's own settings.
 * @example changedArea('PATCH', '/followups/fu_1') // 'followups'
 */
export function changedArea(method: string, path: string): Permission | 'unlisted' | 'own' | null {
  const verb = method.toUpperCase();
  if (READ_METHODS.has(verb)) return null;
  if (OWN.test(path)) return 'own';
  if (OWNER_ONLY.some(([only, pattern]) => only === verb && pattern.test(path))) return 'unlisted';
  return AREAS.find(([pattern]) => pattern.test(path))?.[1] ?? 'unlisted';
}
