import { authoringSessionKey } from '../authoring-link.ts';
import { isRecord } from '../guards.ts';
import { parseJson, type KeyValueStore } from '../storage.ts';
import type { DraftSnapshot } from './draft.ts';

/** The session this tab authors with; kept so the next page of the app resumes it. */
export interface KeptSession {
  session: string;
  expiresAt: string;
  guideId: string;
}

const draftKey = (guideId: string) => `kizuna:authoring-draft:${guideId}`;

/**
 * This tab's authoring session and drafts, in sessionStorage: they follow the author through
 * page loads of the app, and a draft outlives a failed save or an ended session, so nothing
 * typed is lost until the author saves or exits.
 */
export function openTabStore(store: KeyValueStore, projectKey: string) {
  const sessionKey = authoringSessionKey(projectKey);
  return {
    session(): KeptSession | null {
      const kept = parseJson(store.get(sessionKey));
      return isRecord(kept) && typeof kept.session === 'string' && typeof kept.guideId === 'string' ? (kept as unknown as KeptSession) : null;
    },
    keepSession(kept: KeptSession): void {
      store.set(sessionKey, JSON.stringify(kept));
    },
    draft(guideId: string): DraftSnapshot | null {
      const kept = parseJson(store.get(draftKey(guideId)));
      return isRecord(kept) && Array.isArray(kept.steps) && typeof kept.baseUpdatedAt === 'string' ? (kept as unknown as DraftSnapshot) : null;
    },
    keepDraft(snapshot: DraftSnapshot): void {
      store.set(draftKey(snapshot.guideId), JSON.stringify(snapshot));
    },
    /** Exit: this tab is an ordinary visitor's again. */
    forget(guideId: string | undefined): void {
      store.remove(sessionKey);
      if (guideId) store.remove(draftKey(guideId));
    },
  };
}
export type TabStore = ReturnType<typeof openTabStore>;
