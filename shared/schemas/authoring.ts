import { z } from 'zod';
import { URL_MAX } from '../limits.ts';
import { guide } from './guide.ts';

/**
 * Authoring in the host app ("Edit in app"): the console asks for a one-time link, the widget
 * trades the link's token for a short session, and the authoring UI saves the guide's steps with it.
 * The token rides in the URL fragment (never sent to the host's server, nor in a Referer).
 */

/** `POST /api/v1/admin/guides/{guideId}/authoring-sessions`: the host app page to open. */
export const authoringLinkInput = z.object({
  url: z
    .string()
    .trim()
    .max(URL_MAX)
    .url()
    // zod runs this after a failed .url() too: an unparsable value is left to that check's issue.
    .refine((value) => !URL.canParse(value) || /^https?:$/.test(new URL(value).protocol), 'must be an http(s) address of a page of your app'),
});
export type AuthoringLinkInput = z.infer<typeof authoringLinkInput>;

export const authoringLink = z.object({
  /** The page with `#kizuna-authoring=<token>` added to its fragment: open it once, within `expiresAt`. */
  url: z.string(),
  expiresAt: z.string(),
});
export type AuthoringLink = z.infer<typeof authoringLink>;

/** `POST /api/v1/authoring/sessions`: the token from the fragment, traded once. */
export const authoringExchange = z.object({ token: z.string().min(1).max(200) });

/** The session the widget keeps (in sessionStorage, for this tab) and sends as `Authorization: Bearer`. */
export const authoringSession = z.object({
  session: z.string(),
  expiresAt: z.string(),
  guide,
});
export type AuthoringSession = z.infer<typeof authoringSession>;

/** `PUT /api/v1/authoring/guide`: the steps, and the guide version (`updatedAt`) they were edited from. */
export const authoringSave = z.object({
  steps: guide.shape.steps,
  /** A different stored version answers 409 `conflict`: someone saved meanwhile. */
  updatedAt: z.string(),
});
export type AuthoringSave = z.infer<typeof authoringSave>;
