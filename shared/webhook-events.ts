/**
 * The webhook vocabulary both sides need at run time. Kept free of zod (like `limits.ts`): the
 * console offers these choices without shipping a schema runtime, and `schemas/webhook.ts`
 * builds its validation on the same lists.
 */

/**
 * Every event an endpoint can subscribe to, in the order the console lists them.
 * @example WEBHOOK_EVENT_TYPES.includes('response.created') // true
 */
export const WEBHOOK_EVENT_TYPES = [
  'response.created',
  'response.updated',
  'followup.created',
  'followup.updated',
  'followup.overdue',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The envelope's `version`: bumped only by a change a receiver could trip on (a field removed or retyped). */
export const WEBHOOK_ENVELOPE_VERSION = 1;

/** `standard`: the envelope as signed JSON (Standard Webhooks); `slack`: a Slack incoming-webhook message. */
export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Why an endpoint was switched off by Kizuna: the receiver answered `410 Gone`, or it kept failing for 5 days. */
export const WEBHOOK_DEACTIVATION_REASONS = ['gone', 'failing'] as const;
export type WebhookDeactivationReason = (typeof WEBHOOK_DEACTIVATION_REASONS)[number];

/** What a `followup.updated` event says changed. */
export const FOLLOWUP_CHANGE_FIELDS = ['status', 'assignee', 'dueAt', 'note'] as const;
export type FollowupChangeField = (typeof FOLLOWUP_CHANGE_FIELDS)[number];

export const WEBHOOK_DESCRIPTION_MAX = 200;
