import { randomBytes } from 'node:crypto';

/** Standard Webhooks marks its symmetric secrets with this prefix; `standardwebhooks` strips it. */
const SECRET_PREFIX = 'whsec_';

/** How long a replaced secret keeps signing beside the new one, so receivers can switch without losing a delivery. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * A new endpoint signing secret: `whsec_` + base64 of 32 random bytes (Standard Webhooks 1.0
 * allows 24–64 bytes).
 * @example newWebhookSecret(); // 'whsec_3q2+7w…=' (50 characters)
 */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}
