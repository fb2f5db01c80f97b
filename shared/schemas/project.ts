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
});
export type ProjectInput = z.input<typeof projectInput>;

export const project = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  createdAt: z.string(),
});
export type Project = z.infer<typeof project>;
