import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { webhookEnvelopes } from '../../shared/schemas/webhook.ts';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhook-events.ts';

/** The registry an OpenAPIHono app builds its document from (`app.openAPIRegistry`). */
export type OpenAPIRegistry = OpenAPIHono['openAPIRegistry'];

const SUMMARIES: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'response.created': 'An answer’s score arrived',
  'response.updated': 'Touchpoint answers or the comment completed an answer',
  'followup.created': 'A follow-up opened for an answer',
  'followup.updated': 'A follow-up’s status, assignee, due date or note changed',
  'followup.overdue': 'A follow-up’s due time passed while it was still open',
  'webhook.test': 'The endpoint’s test button was pressed',
};

/** The Standard Webhooks 1.0 headers every `standard` delivery carries. */
const signatureHeaders = z.object({
  'webhook-id': z.string().describe('The event id (`evt_…`): the same on every retry, so receivers can drop duplicates.'),
  'webhook-timestamp': z.string().describe('When this attempt was signed, in Unix seconds.'),
  'webhook-signature': z
    .string()
    .describe('`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` per secret in force, space-separated while a rotated secret still signs.'),
});

const DESCRIPTION =
  'Sent to endpoints subscribed to this event with `format: "standard"`: the envelope as JSON, signed per Standard Webhooks 1.0 ' +
  '(verify with the `standardwebhooks` package and the endpoint’s `whsec_` secret). Endpoints with `format: "slack"` get a Slack message instead. ' +
  'Only a 2xx answer counts as delivered; `410 Gone` deactivates the endpoint; anything else is retried (honouring `Retry-After`).';

/**
 * Lists every webhook event with its envelope in the OpenAPI 3.1 document's `webhooks` section,
 * one entry per event type, keyed by the type.
 * @example
 * const app = createRouter();
 * registerWebhookDocs(app.openAPIRegistry);
 * app.doc31('/api/openapi.json', { openapi: '3.1.0', info }); // doc.webhooks['response.created'].post
 */
export function registerWebhookDocs(registry: OpenAPIRegistry): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      summary: SUMMARIES[type],
      description: DESCRIPTION,
      tags: ['webhooks'],
      request: {
        headers: signatureHeaders,
        body: { required: true, content: { 'application/json': { schema: webhookEnvelopes[type] } } },
      },
      responses: {
        200: { description: 'Any 2xx: delivered. Kizuna does not read the body beyond its first 1 KB, kept in the delivery log.' },
        410: { description: 'Gone: the endpoint is deactivated and nothing more is sent to it.' },
      },
    });
  }
}
