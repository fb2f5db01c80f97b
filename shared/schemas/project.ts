import { z } from 'zod';
import { UI_LOCALES } from '../localize.ts';
import { archivedAt, archivedFlag } from './archive.ts';

/** An origin as browsers send it in the Origin header: scheme://host[:port], no path. */
export const origin = z
  .string()
  .url()
  .transform((value, ctx) => {
    const url = new URL(value);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'must be an origin like https://app.example.com' });
      return z.NEVER;
    }
    return url.origin;
  });

/**
 * Raw events and answers' comments older than this many days are deleted (null: kept, the
 * default). At least 30, so a dismissal (remembered 14 days) is never forgotten early.
 */
export const retentionDays = z.number().int().min(30).max(3650).nullable();

/** An IANA time zone the server knows (`Asia/Tokyo`, `Europe/Berlin`, `UTC`). */
export const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Tokyo');

export const projectInput = z.object({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(origin).max(50).default([]),
  /** At most this many surveys or guides start per page view. */
  maxStartsPerPageView: z.number().int().min(1).max(10).default(1),
});
export type ProjectInput = z.input<typeof projectInput>;

/**
 * PATCH body: any of name / allowedOrigins / maxStartsPerPageView / ltvBoundary. Built without the
 * create defaults, which would otherwise reset allowedOrigins whenever only the name is sent.
 */
export const projectUpdate = projectInput
  .extend({
    allowedOrigins: projectInput.shape.allowedOrigins.unwrap(),
    maxStartsPerPageView: projectInput.shape.maxStartsPerPageView.unwrap(),
    /** Where the LTV matrix splits high from low value users; null: the median LTV of the users counted. */
    ltvBoundary: z.number().nullable(),
    retentionDays,
    language: z.enum(UI_LOCALES),
    timeZone,
    /** Archiving stops serving the widget and keeps every report readable. */
    archived: archivedFlag,
  })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give name, allowedOrigins, maxStartsPerPageView, ltvBoundary, retentionDays, language, timeZone or archived');
export type ProjectUpdate = z.infer<typeof projectUpdate>;

export const project = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  maxStartsPerPageView: z.number().int(),
  ltvBoundary: z.number().nullable(),
  /** The install check: the page (origin and path) the widget last asked from, and when (recorded at most once a minute). */
  lastSeen: z.object({ url: z.string(), at: z.string() }).nullable(),
  retentionDays: z.number().int().nullable(),
  /** The language of what the project sends out: Slack messages, digests. */
  language: z.enum(UI_LOCALES),
  /** IANA time zone of the project's team: when its daily and weekly mails go out. */
  timeZone: z.string(),
  /** The last retention run over this project and what it deleted; null before the first. */
  retentionLastRun: z.object({ at: z.string(), events: z.number().int(), comments: z.number().int() }).nullable(),
  archivedAt,
  createdAt: z.string(),
});
export type Project = z.infer<typeof project>;
