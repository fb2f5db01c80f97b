import type { Context } from 'hono';

/** Where people reach this server (no trailing slash), for a request: links in webhooks, Slack and mail. */
export type PublicUrl = (c: Context) => string;

/**
 * KIZUNA_PUBLIC_URL when set; else the origin the request was made to, which is right without a
 * proxy and wrong behind one that rewrites Host (nginx's default `proxy_pass`): set the variable there.
 */
export function publicUrlOf(configured: string | undefined): PublicUrl {
  const fixed = configured?.replace(/\/+$/, '');
  return (c) => fixed ?? new URL(c.req.url).origin;
}
