import { ADDRESS_FORBIDDEN, forbiddenRange, ipLiteralOf } from './address-guard.ts';

/** Why an endpoint URL is refused: a stable code and a message for the `url` field. */
export type UrlProblem = {
  code: 'ERR_INVALID_URL' | 'ERR_INSECURE_URL' | 'ERR_URL_CREDENTIALS' | typeof ADDRESS_FORBIDDEN;
  message: string;
};

/**
 * Checks a webhook endpoint URL, when it is saved and again before each send (the rules, or
 * `allowPrivate`, may have changed since): it must be an absolute `https:` URL — `http:` too when
 * private addresses are allowed, since a receiver on one's own network rarely has a certificate —,
 * carry no user name or password (they would be sent as Basic auth to whoever answers and shown
 * in the console), and not be an IP address in a forbidden range ({@link forbiddenRange}).
 * Host names are judged when connecting, on the address they resolve to then (`guardedLookup`).
 * @param allowPrivate `KIZUNA_WEBHOOK_ALLOW_PRIVATE=1`, read by the caller
 * @returns the parsed URL, or the problem (its message reads after the field name: "url: must use https")
 * @example
 * const checked = checkWebhookUrl(body.url, { allowPrivate: config.webhookAllowPrivate });
 * if (!checked.ok) throw fieldError(400, 'invalid_body', [{ path: 'url', message: checked.problem.message }]);
 */
export function checkWebhookUrl(input: string, { allowPrivate }: { allowPrivate: boolean }): { ok: true; url: URL } | { ok: false; problem: UrlProblem } {
  const refuse = (code: UrlProblem['code'], message: string) => ({ ok: false as const, problem: { code, message } });
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse('ERR_INVALID_URL', 'must be an absolute URL, like https://example.com/webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('ERR_INVALID_URL', `must be an http(s) URL, not ${url.protocol}`);
  if (url.protocol === 'http:' && !allowPrivate) return refuse('ERR_INSECURE_URL', 'must use https');
  if (url.username || url.password) return refuse('ERR_URL_CREDENTIALS', 'must not contain a user name or password');
  const literal = ipLiteralOf(url.hostname);
  const range = literal && !allowPrivate ? forbiddenRange(literal) : null;
  if (range) return refuse(ADDRESS_FORBIDDEN, `must not point to ${literal}, an address in the ${range} range`);
  return { ok: true, url };
}
