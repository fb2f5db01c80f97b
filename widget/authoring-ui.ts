import type { FetchLike } from './endpoints.ts';
import type { Log } from './log.ts';

/** The contract between the loader and the lazily loaded authoring UI (`authoring/authoring.tsx`). */
export interface AuthoringOptions {
  /** The folder `widget.js` was loaded from; the authoring API lives under it. */
  base: string;
  projectKey: string;
  /** The one-time token from the address bar; null when this tab resumes its session after a page load. */
  token: string | null;
  fetch: FetchLike;
  /** The browser's language: the authoring UI speaks ja or en. */
  language: string | undefined;
  log: Log;
}

export type StartAuthoring = (options: AuthoringOptions) => void;
