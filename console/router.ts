import { signal } from '@preact/signals';

/** Where the console is mounted; route paths below are relative to it (`/inbox` is `/admin/inbox`). */
export const BASE = '/admin';

export interface Location {
  /** Relative to BASE, always starting with `/`. */
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  const { pathname, search } = window.location;
  const inside = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return { path: inside.replace(/\/+$/, '') || '/', query: new URLSearchParams(search) };
}

/** The current location; pages re-render when it changes. */
export const location = signal<Location>(read());
/** Counts in-app navigations, so the first page load does not steal focus from the browser. */
export const navigations = signal(0);

window.addEventListener('popstate', () => {
  location.value = read();
  navigations.value++;
});

/** Goes to `to` (relative to BASE, may carry `?query`); `replace` for filter changes that should not pile up in history. */
export function navigate(to: string, { replace = false } = {}): void {
  const url = BASE + (to === '/' ? '' : to);
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  location.value = read();
  if (!replace) navigations.value++;
}

/** Changes some query parameters of the current page in place (empty values are dropped). */
export function setQuery(changes: Record<string, string | null | undefined>): void {
  const query = new URLSearchParams(location.value.query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  navigate(location.value.path + (text ? `?${text}` : ''), { replace: true });
}

/** `/surveys/:surveyId` against `/surveys/srv_1` → `{ surveyId: 'srv_1' }`; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
}

/** Link click handler: same-tab left clicks stay in the app; modified clicks open tabs as usual. */
export function followLink(event: MouseEvent, to: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(to);
}
