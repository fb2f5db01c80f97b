import { Webhook } from 'standardwebhooks';

/** The three headers a Standard Webhooks 1.0 receiver verifies. */
export type WebhookSignatureHeaders = {
  /** The event id: the same on every retry, so receivers can drop duplicates. */
  'webhook-id': string;
  /** When this attempt was signed, in Unix seconds (receivers refuse stale ones). */
  'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256>` per secret in force, space-separated. */
  'webhook-signature': string;
};

/**
 * Signs one delivery attempt per Standard Webhooks 1.0: the HMAC-SHA256 of
 * `{id}.{timestamp}.{body}` under each secret (base64-decoded after `whsec_`), computed by the
 * `standardwebhooks` package itself so our signatures are exactly what its `verify` expects.
 * Give every secret in force (the new one and, for 24 h after a rotation, the old one): a
 * receiver accepts the request if any signature matches the secret it knows.
 * @param body the exact bytes sent: any re-serialisation breaks the signature
 * @example
 * const headers = signWebhook({ id: event.id, body, secrets: (await store.webhooks.signing(endpointId, now))!.secrets });
 */
export function signWebhook({ id, body, secrets, timestamp = new Date() }: { id: string; body: string; secrets: readonly string[]; timestamp?: Date }): WebhookSignatureHeaders {
  // An unsigned delivery would look valid to nobody; an empty list is a bug in the caller.
  if (secrets.length === 0) throw new Error('signWebhook: no secret to sign with');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(' '),
  };
}
