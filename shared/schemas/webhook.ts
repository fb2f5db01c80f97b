import { z } from 'zod';
import { URL_MAX } from '../limits.ts';
import { CATEGORIES, FACTOR_MAX, FACTOR_MIN, SCORE_MAX, SCORE_MIN } from '../score.ts';
import {
  FOLLOWUP_CHANGE_FIELDS,
  WEBHOOK_DEACTIVATION_REASONS,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_DESCRIPTION_MAX,
  WEBHOOK_ENVELOPE_VERSION,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FORMATS,
  type WebhookEventType,
} from '../webhook-events.ts';
import { isoDate, pageQuery } from './common.ts';
import { followupStatus } from './followup.ts';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events.ts';

// ---------------------------------------------------------------------------------------------
// Events: what a receiver gets. Output shapes, so they describe rather than police (no trimming,
// no input limits), except where a receiver relies on a form (ids, times, ranges).

/** `evt_` + letters and digits: the event id, sent as `webhook-id` and the same on every retry. */
export const webhookEventId = z.string().regex(/^evt_[A-Za-z0-9]{8,64}$/, 'must be evt_ followed by 8–64 letters or digits');

const category = z.enum(CATEGORIES);
const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One touchpoint the user rated; skipped ones ("not applicable") are left out. */
export const webhookTouchpointAnswer = z.object({
  key: z.string(),
  /** As the survey has it: one text, or one per language. */
  label: z.union([z.string(), z.record(z.string(), z.string())]),
  /** Influence on the score, −3 (very negative) … +3 (very positive). */
  value: z.number().int().min(FACTOR_MIN).max(FACTOR_MAX),
});
export type WebhookTouchpointAnswer = z.infer<typeof webhookTouchpointAnswer>;

/** An answer as the `response.*` events (and `followup.created`) carry it. */
export const webhookResponse = z.object({
  /** The widget's id of the answer (as `responseId` of follow-ups). */
  id: z.string(),
  surveyId: z.string(),
  surveyName: z.string(),
  userId: z.string(),
  score: z.number().int().min(SCORE_MIN).max(SCORE_MAX),
  category,
  /** In the survey's order. */
  touchpoints: z.array(webhookTouchpointAnswer),
  comment: z.string().nullable(),
  locale: z.string().nullable(),
  /** The page the answer was given on. */
  url: z.string().nullable(),
  /** The user's `identify` attributes at answer time (`plan`, `ltv`, …). */
  attributes: z.record(z.string(), attributeValue),
  /** The console page of the follow-up this answer opened; null when it opened none. */
  consoleUrl: z.string().url().nullable(),
});
export type WebhookResponse = z.infer<typeof webhookResponse>;

/** A follow-up as the `followup.*` events carry it. */
export const webhookFollowup = z.object({
  id: z.string(),
  status: followupStatus,
  /** The assigned account's e-mail; null when unassigned. */
  assignee: z.string().nullable(),
  dueAt: z.string().nullable(),
  score: z.number().int().min(SCORE_MIN).max(SCORE_MAX),
  userId: z.string(),
  responseId: z.string(),
  consoleUrl: z.string().url(),
});
export type WebhookFollowup = z.infer<typeof webhookFollowup>;

/** One change of a `followup.updated` event. A note is added, never edited: its `from` is null, its `to` the note. */
export const followupChange = z.object({
  field: z.enum(FOLLOWUP_CHANGE_FIELDS),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type FollowupChange = z.infer<typeof followupChange>;

const envelopeOf = <T extends WebhookEventType, D extends z.ZodObject>(type: T, data: D) =>
  z.object({
    id: webhookEventId,
    /** The envelope's shape version (see WEBHOOK_ENVELOPE_VERSION). */
    version: z.literal(WEBHOOK_ENVELOPE_VERSION),
    type: z.literal(type),
    /** When the change that caused the event happened. */
    createdAt: isoDate,
    projectId: z.string(),
    data,
  });

/** The one event per type: what each `data` holds. */
export const webhookEnvelopes = {
  /** The score arrived. */
  'response.created': envelopeOf('response.created', z.object({ response: webhookResponse })),
  /** Touchpoint answers or the comment completed an answer. */
  'response.updated': envelopeOf('response.updated', z.object({ response: webhookResponse })),
  /** A follow-up opened for an answer; the answer comes with it, so the case can be read at once. */
  'followup.created': envelopeOf('followup.created', z.object({ followup: webhookFollowup, response: webhookResponse })),
  /** Status, assignee, due date or note changed: `changes` says which, `actor` who (an account's e-mail). */
  'followup.updated': envelopeOf(
    'followup.updated',
    z.object({ followup: webhookFollowup, changes: z.array(followupChange).min(1), actor: z.string() }),
  ),
  /** The due time passed while the follow-up was still open: once per follow-up and due date. */
  'followup.overdue': envelopeOf('followup.overdue', z.object({ followup: webhookFollowup })),
  /** Sent to one endpoint by its test button. */
  'webhook.test': envelopeOf('webhook.test', z.object({ webhookId: z.string() })),
} satisfies { [T in WebhookEventType]: z.ZodObject };

/**
 * Any event, told apart by `type`.
 * @example
 * const event = webhookEnvelope.parse(JSON.parse(body));
 * if (event.type === 'followup.updated') console.log(event.data.changes);
 */
export const webhookEnvelope = z.discriminatedUnion('type', [
  webhookEnvelopes['response.created'],
  webhookEnvelopes['response.updated'],
  webhookEnvelopes['followup.created'],
  webhookEnvelopes['followup.updated'],
  webhookEnvelopes['followup.overdue'],
  webhookEnvelopes['webhook.test'],
]);
export type WebhookEnvelope = z.infer<typeof webhookEnvelope>;
/** The envelope of one event type, e.g. `WebhookEnvelopeOf<'followup.updated'>`. */
export type WebhookEnvelopeOf<T extends WebhookEventType> = Extract<WebhookEnvelope, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Endpoints: the admin API's bodies and answers.

export const webhookFormat = z.enum(WEBHOOK_FORMATS);

/**
 * Where events are POSTed (surrounding spaces trimmed). Here only its form: https-only and the
 * address ranges depend on configuration and are checked by the route (server/delivery/url-rules.ts).
 */
export const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://hooks.example.com/kizuna' })
  .max(URL_MAX);

/** The subscribed event types: at least one, each known, none twice. */
export const webhookEventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'choose at least one event')
  .superRefine((list, ctx) => {
    list.forEach((type, index) => {
      if (list.indexOf(type) !== index) ctx.addIssue({ code: 'custom', path: [index], message: `"${type}" is listed twice` });
    });
  });

const endpointFields = {
  url: webhookUrl,
  events: webhookEventTypes,
  format: webhookFormat,
  /** What it is for ("CS channel in Slack"); null: none. */
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX).nullable(),
  /** Off: events are no longer delivered to it. Setting it on again also clears a deactivation by Kizuna. */
  active: z.boolean(),
};

/** `POST …/projects/:projectId/webhooks`. */
export const webhookEndpointInput = z.object({
  url: endpointFields.url,
  events: endpointFields.events,
  format: endpointFields.format.default('standard'),
  description: endpointFields.description.default(null),
  active: endpointFields.active.default(true),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointInput>;

/** `PATCH /webhooks/:id`: any endpoint field, at least one. */
export const webhookEndpointUpdate = z
  .object(endpointFields)
  .partial()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one of url, events, format, description, active');
export type WebhookEndpointUpdate = z.infer<typeof webhookEndpointUpdate>;

/**
 * The endpoint's latest attempt, for its row in the console: when, and the HTTP status or the
 * network error (the store's `lastAttempt`). Null before the first.
 */
export const webhookLastDelivery = z.object({
  at: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type WebhookLastDelivery = z.infer<typeof webhookLastDelivery>;

/** An endpoint as the API answers it. The secret is not part of it: only the create and rotate answers show it. */
export const webhookEndpoint = z.object({
  id: z.string(),
  projectId: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  format: webhookFormat,
  description: z.string().nullable(),
  active: z.boolean(),
  /** Set when Kizuna switched it off: `gone` (the receiver answered 410) or `failing` (5 days of failures). */
  deactivatedReason: z.enum(WEBHOOK_DEACTIVATION_REASONS).nullable(),
  createdAt: z.string(),
  lastDelivery: webhookLastDelivery.nullable(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpoint>;

/** `whsec_` + base64 of the random key (Standard Webhooks). */
export const webhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/);

/** The answer of create and rotate-secret: the endpoint and its (new) signing secret, shown this once. */
export const webhookEndpointWithSecret = webhookEndpoint.extend({ secret: webhookSecret });
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecret>;

/** `POST /webhooks/:id/test` → 202: the test event queued for that endpoint. */
export const webhookTestAnswer = z.object({ eventId: webhookEventId, deliveryId: z.string() });
export type WebhookTestAnswer = z.infer<typeof webhookTestAnswer>;

// ---------------------------------------------------------------------------------------------
// Deliveries: the log of one endpoint.

/** One try to deliver: the HTTP status, or the network error when there was no answer. */
export const webhookAttempt = z.object({
  at: z.string(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().min(0),
  /** The first 1 KB of the answer's body, as text. */
  response: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttempt>;

export const webhookDelivery = z.object({
  id: z.string(),
  eventId: webhookEventId,
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  /** Oldest first. */
  attempts: z.array(webhookAttempt),
  /** When it is tried next; null once delivered or failed. */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

/** `GET /webhooks/:id/deliveries?status&limit&cursor`, newest first. */
export const webhookDeliveryListQuery = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  ...pageQuery.shape,
});
export type WebhookDeliveryListQuery = z.input<typeof webhookDeliveryListQuery>;

export const webhookDeliveryPage = z.object({ items: z.array(webhookDelivery), nextCursor: z.string().nullable() });
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPage>;
