import type { Permission } from '../../shared/roles.ts';

// What each admin path (below /api/v1/admin) changes, first match wins. A path missing here
// can only be changed by an owner: new routes fail closed until they are listed.
const AREAS: ReadonlyArray<readonly [RegExp, Permission]> = [
  [/^\/users(\/|$)/, 'users'],
  [/^\/projects\/[^/]+\/surveys(\/|$)/, 'surveys'],
  [/^\/projects\/[^/]+\/guides(\/|$)/, 'guides'],
  [/^\/surveys\//, 'surveys'],
  [/^\/guides\//, 'guides'],
  [/^\/followups\//, 'followups'],
  [/^\/projects(\/|$)/, 'projects'],
];

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The area a request changes, or null for reads (every role may read).
 * @example changedArea('PATCH', '/followups/fu_1') // 'followups'
 */
export function changedArea(method: string, path: string): Permission | 'unlisted' | null {
  if (READ_METHODS.has(method.toUpperCase())) return null;
  return AREAS.find(([pattern]) => pattern.test(path))?.[1] ?? 'unlisted';
}
