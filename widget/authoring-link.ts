import { AUTHORING_FRAGMENT_PARAM } from '../shared/limits.ts';
import type { KeyValueStore } from './storage.ts';

const TOKEN = new RegExp(`[#&]${AUTHORING_FRAGMENT_PARAM}=([\\w-]+)`);

/** Where a tab keeps its authoring session: sessionStorage, so it follows page loads in that tab only. */
export const authoringSessionKey = (projectKey: string) => `kizuna:authoring:${projectKey}`;

/**
 * The one-time token of an "Edit in app" link, taken out of the address bar at once: a token
 * left there would end up in bookmarks, copied links and the history. The rest of the fragment
 * (a hash router's route) stays.
 */
export function takeAuthoringToken(win: Window): string | null {
  const { hash, pathname, search } = win.location;
  const token = TOKEN.exec(hash)?.[1];
  if (!token) return null;
  // "#t=x" → "", "#/route&t=x" → "#/route", "#t=x&more" → "#more".
  const rest = hash.replace(TOKEN, '').replace(/^&/, '#');
  try {
    win.history.replaceState(win.history.state, '', pathname + search + rest);
  } catch {
    // A sandboxed page may refuse; the token is single-use anyway.
  }
  return token;
}

/** Whether this tab is authoring: a fresh token, or a session kept from an earlier page of it. */
export const isAuthoring = (token: string | null, tab: KeyValueStore, projectKey: string) => token !== null || tab.get(authoringSessionKey(projectKey)) !== null;
