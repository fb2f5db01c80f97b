import { z } from 'zod';

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
  })
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give name, allowedOrigins, maxStartsPerPageView or ltvBoundary');
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
  createdAt: z.string(),
});
export type Project = z.infer<typeof project>;
