import type { Project } from '../../../shared/schemas/project.ts';
import { SEEN_INTERVAL_MS, type Store } from '../../data/store.ts';

/**
 * The page the widget runs on, as origin and path (query and fragment dropped: they can carry
 * tokens): the URL the widget sent, else the Referer (browsers send only the origin across
 * origins), else the Origin. Null when none is an http(s) URL.
 */
export function widgetPage(...candidates: Array<string | undefined>): string | null {
  for (const candidate of candidates) {
    if (!candidate || !URL.canParse(candidate)) continue;
    const url = new URL(candidate);
    if (url.protocol === 'http:' || url.protocol === 'https:') return `${url.origin}${url.pathname}`;
  }
  return null;
}

/**
 * The install check ("widget last seen on … at …"). `project` was just read for this request, so
 * a page view within a minute of the stored time costs nothing; otherwise one conditional UPDATE,
 * in the same group commit as the request's other writes.
 */
export async function recordWidgetSeen(store: Store, project: Project, page: string | null, now: Date): Promise<void> {
  if (page === null) return;
  if (project.lastSeen && now.getTime() - Date.parse(project.lastSeen.at) < SEEN_INTERVAL_MS) return;
  await store.projects.recordSeen(project.id, page, now);
}
