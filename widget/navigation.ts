/**
 * Page views in single-page apps: the history API and hash changes move between "pages"
 * without a load. `history.pushState`/`replaceState` are wrapped once per page (the wrappers
 * call straight through and never throw anything of their own); everything else is listeners.
 */
type Listener = () => void;

const registry = new WeakMap<History, Set<Listener>>();

function listenersOf(history: History): Set<Listener> {
  let listeners = registry.get(history);
  if (listeners) return listeners;
  const created = new Set<Listener>();
  listeners = created;
  registry.set(history, created);
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    if (typeof original !== 'function') continue;
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      for (const listener of Array.from(created)) {
        try {
          listener();
        } catch {
          // The host's navigation must go on whatever we do with it.
        }
      }
      return result;
    };
  }
  return created;
}

/** Calls `onChange` after each navigation that changed the URL. Returns a function that stops it. */
export function watchNavigation(win: Window, onChange: (href: string) => void): () => void {
  let last = win.location.href;
  const check = () => {
    const href = win.location.href;
    if (href === last) return;
    last = href;
    onChange(href);
  };
  const listeners = listenersOf(win.history);
  listeners.add(check);
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  return () => {
    listeners.delete(check);
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
