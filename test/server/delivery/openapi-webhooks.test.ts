import { describe, expect, it } from 'vitest';
import { registerWebhookDocs } from '../../../server/delivery/openapi-webhooks.ts';
import { createRouter } from '../../../server/router.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/webhook-events.ts';

interface Operation {
  parameters: Array<{ name: string; in: string }>;
  requestBody: { content: { 'application/json': { schema: { properties: Record<string, { enum?: unknown[]; properties?: Record<string, unknown> }> } } } };
  responses: Record<string, unknown>;
}

async function webhooksOfDoc(): Promise<Record<string, { post: Operation }>> {
  const app = createRouter();
  registerWebhookDocs(app.openAPIRegistry);
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'test', version: '1' } });
  const doc = (await (await app.request('/openapi.json')).json()) as { webhooks: Record<string, { post: Operation }> };
  return doc.webhooks;
}

describe('registerWebhookDocs', () => {
  it('lists every event type in the webhooks section, each with its own envelope', async () => {
    const webhooks = await webhooksOfDoc();
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const schema = webhooks[type]!.post.requestBody.content['application/json'].schema;
      expect(Object.keys(schema.properties).sort()).toEqual(['createdAt', 'data', 'id', 'projectId', 'type', 'version']);
      expect(schema.properties.type!.enum).toEqual([type]);
    }
  });

  it('documents what each event carries', async () => {
    const webhooks = await webhooksOfDoc();
    const data = (type: string) => Object.keys(webhooks[type]!.post.requestBody.content['application/json'].schema.properties.data!.properties!).sort();
    expect(data('response.created')).toEqual(['response']);
    expect(data('followup.created')).toEqual(['followup', 'response']);
    expect(data('followup.updated')).toEqual(['actor', 'changes', 'followup']);
    expect(data('webhook.test')).toEqual(['webhookId']);
  });

  it('documents the Standard Webhooks headers and the 410', async () => {
    const { post } = (await webhooksOfDoc())['response.created']!;
    expect(post.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['header:webhook-id', 'header:webhook-timestamp', 'header:webhook-signature']);
    expect(Object.keys(post.responses)).toEqual(['200', '410']);
  });
});
