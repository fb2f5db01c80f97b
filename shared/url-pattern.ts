/**
 * Whether a page matches a guide's URL trigger. `*` stands for any run of characters, `/`
 * included, so `/invoices*` covers `/invoices`, `/invoices/42` and `/invoices?page=2`'s path.
 * A pattern without `?` is matched against the path only; one with `?` against path + query.
 * The whole string must match; case matters (paths are case-sensitive).
 */
export function matchesUrlPattern(pattern: string, location: { pathname: string; search: string }): boolean {
  const subject = pattern.includes('?') ? location.pathname + location.search : location.pathname;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(subject);
}
