import { z } from 'zod';
import {
  webhookDeliveryListQuery,
  webhookDeliveryPage,
  webhookEndpoint,
  webhookEndpointInput,
  webhookEndpointUpdate,
  webhookEndpointWithSecret,
  webhookSecret,
  webhookTestAnswer,
  type WebhookEndpoint,
} from '../../../shared/schemas/webhook.ts';
import type { Store, WebhookEndpointRecord } from '../../data/store.ts';
import { testEvent } from '../../delivery/events.ts';
import { newWebhookSecret, SECRET_ROTATION_OVERLAP_MS } from '../../delivery/secrets.ts';
import { checkWebhookUrl } from '../../delivery/url-rules.ts';
import { ApiError, fieldError, notFound } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { requirePermission } from '../../middleware/require-permission.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { projectParams, requireProject } from './projects.ts';

const webhookParams = z.object({ webhookId: z.string() });
const deliveryParams = z.object({ deliveryId: z.string() });
const TAGS = ['webhooks'];
const FORBIDDEN = errorResponse('Only owners and admins manage integrations');

const createRoute = createAdminRoute({
  method: 'post',
  path: '/projects/{projectId}/webhooks',
  summary: 'Add a webhook endpoint (signed JSON or Slack); its secret is shown in this answer',
  description:
    'URLs must be https and must not point at loopback, private, link-local or metadata addresses (checked again on every ' +
    'connection) unless the server runs with KIZUNA_WEBHOOK_ALLOW_PRIVATE=1. Owners and admins only.',
  tags: TAGS,
  request: { params: projectParams, body: jsonRequestBody(webhookEndpointInput) },
  responses: { 201: jsonResponse(webhookEndpointWithSecret, 'Created'), 400: errorResponse('Invalid body: the field is named'), 403: FORBIDDEN, 404: errorResponse('No such project') },
});

const listRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/webhooks',
  summary: 'List a project’s webhook endpoints, with their latest attempt',
  tags: TAGS,
  request: { params: projectParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(webhookEndpoint) }), 'Oldest first'), 403: FORBIDDEN, 404: errorResponse('No such project') },
});

const getRoute = createAdminRoute({
  method: 'get',
  path: '/webhooks/{webhookId}',
  summary: 'Read a webhook endpoint',
  tags: TAGS,
  request: { params: webhookParams },
  responses: { 200: jsonResponse(webhookEndpoint, 'The endpoint'), 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const updateRoute = createAdminRoute({
  method: 'patch',
  path: '/webhooks/{webhookId}',
  summary: 'Change a webhook endpoint; `active: true` also turns on one that Kizuna turned off',
  tags: TAGS,
  request: { params: webhookParams, body: jsonRequestBody(webhookEndpointUpdate) },
  responses: { 200: jsonResponse(webhookEndpoint, 'Updated'), 400: errorResponse('Invalid body'), 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const deleteRoute = createAdminRoute({
  method: 'delete',
  path: '/webhooks/{webhookId}',
  summary: 'Remove a webhook endpoint and its delivery log',
  tags: TAGS,
  request: { params: webhookParams },
  responses: { 204: { description: 'Removed' }, 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const secretRoute = createAdminRoute({
  method: 'get',
  path: '/webhooks/{webhookId}/secret',
  summary: 'Reveal the signing secret (the console’s Reveal button)',
  tags: TAGS,
  request: { params: webhookParams },
  responses: { 200: jsonResponse(z.object({ secret: webhookSecret }), 'The current secret'), 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const rotateRoute = createAdminRoute({
  method: 'post',
  path: '/webhooks/{webhookId}/rotate-secret',
  summary: 'Replace the signing secret; the old one keeps signing beside it for 24 hours',
  tags: TAGS,
  request: { params: webhookParams },
  responses: { 200: jsonResponse(webhookEndpointWithSecret, 'The endpoint and its new secret'), 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const testRoute = createAdminRoute({
  method: 'post',
  path: '/webhooks/{webhookId}/test',
  summary: 'Send a `webhook.test` event to this endpoint now',
  tags: TAGS,
  request: { params: webhookParams },
  responses: { 202: jsonResponse(webhookTestAnswer, 'Queued; see the delivery log'), 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const deliveriesRoute = createAdminRoute({
  method: 'get',
  path: '/webhooks/{webhookId}/deliveries',
  summary: 'The delivery log, newest first: each attempt with its status or error, duration and the first 1 KB of the answer',
  tags: TAGS,
  request: { params: webhookParams, query: webhookDeliveryListQuery },
  responses: { 200: jsonResponse(webhookDeliveryPage, 'A page of deliveries'), 400: errorResponse('Invalid query'), 403: FORBIDDEN, 404: errorResponse('No such endpoint') },
});

const retryRoute = createAdminRoute({
  method: 'post',
  path: '/deliveries/{deliveryId}/retry',
  summary: 'Send a failed delivery again now',
  tags: TAGS,
  request: { params: deliveryParams },
  responses: { 202: { description: 'Due again' }, 403: FORBIDDEN, 404: errorResponse('No such delivery'), 409: errorResponse('Only a failed delivery can be retried') },
});

const CURSOR_KIND = 'deliveries';
const cursorValues = z.tuple([z.number().int(), z.string()]);

const toEndpoint = ({ lastAttempt, ...record }: WebhookEndpointRecord): WebhookEndpoint => ({ ...record, events: record.events as WebhookEndpoint['events'], lastDelivery: lastAttempt });

export interface WebhookRouteOptions {
  /** KIZUNA_WEBHOOK_ALLOW_PRIVATE: http and private-network receivers allowed. */
  allowPrivate: boolean;
  /** Tells this process's dispatcher that something is due now. */
  wake: () => void;
}

/**
 * Webhook endpoints and their delivery log (owners and admins: the `integrations` permission,
 * for reads too — the log holds what receivers answered).
 */
export function webhookRoutes(store: Store, { allowPrivate, wake }: WebhookRouteOptions) {
  const requireEndpoint = async (id: string) => {
    const found = await store.webhooks.get(id);
    if (!found) throw notFound('webhook', id);
    return found;
  };
  const checkedUrl = (url: string) => {
    const checked = checkWebhookUrl(url, { allowPrivate });
    if (!checked.ok) throw fieldError(400, 'invalid_body', [{ path: 'url', message: checked.problem.message }]);
    return checked.url.href;
  };
  const withSecret = async (record: WebhookEndpointRecord) => ({ ...toEndpoint(record), secret: (await store.webhooks.secret(record.id))! });

  const router = createRouter<AdminEnv>();
  router.use('/projects/:projectId/webhooks', requirePermission('integrations'));
  router.use('/webhooks/*', requirePermission('integrations'));
  router.use('/deliveries/*', requirePermission('integrations'));
  return router
    .openapi(createRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      const input = c.req.valid('json');
      const record = await store.webhooks.create(projectId, { ...input, url: checkedUrl(input.url), secret: newWebhookSecret() }, new Date());
      return c.json(await withSecret(record), 201);
    })
    .openapi(listRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      return c.json({ items: (await store.webhooks.list(projectId)).map(toEndpoint) }, 200);
    })
    .openapi(getRoute, async (c) => c.json(toEndpoint(await requireEndpoint(c.req.valid('param').webhookId)), 200))
    .openapi(updateRoute, async (c) => {
      const { webhookId } = c.req.valid('param');
      const patch = c.req.valid('json');
      const updated = await store.webhooks.update(webhookId, patch.url === undefined ? patch : { ...patch, url: checkedUrl(patch.url) }, new Date());
      if (!updated) throw notFound('webhook', webhookId);
      return c.json(toEndpoint(updated), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { webhookId } = c.req.valid('param');
      if (!(await store.webhooks.remove(webhookId))) throw notFound('webhook', webhookId);
      return c.body(null, 204);
    })
    .openapi(secretRoute, async (c) => {
      const { webhookId } = c.req.valid('param');
      await requireEndpoint(webhookId);
      return c.json({ secret: (await store.webhooks.secret(webhookId))! }, 200);
    })
    .openapi(rotateRoute, async (c) => {
      const { webhookId } = c.req.valid('param');
      const now = new Date();
      if (!(await store.webhooks.rotateSecret(webhookId, newWebhookSecret(), new Date(now.getTime() + SECRET_ROTATION_OVERLAP_MS), now))) {
        throw notFound('webhook', webhookId);
      }
      return c.json(await withSecret((await store.webhooks.get(webhookId))!), 200);
    })
    .openapi(testRoute, async (c) => {
      const endpoint = await requireEndpoint(c.req.valid('param').webhookId);
      const event = testEvent(endpoint.projectId, endpoint.id, new Date());
      const [deliveryId] = (await store.outbox.emit(event, { endpoints: [endpoint.id] }))!;
      wake();
      return c.json({ eventId: event.id, deliveryId: deliveryId! }, 202);
    })
    .openapi(deliveriesRoute, async (c) => {
      const { webhookId } = c.req.valid('param');
      await requireEndpoint(webhookId);
      const { status, limit, cursor } = c.req.valid('query');
      const after = cursor === undefined ? undefined : (([createdAt, id]) => ({ createdAt, id }))(decodeCursor(cursor, CURSOR_KIND, cursorValues));
      const page = await store.webhooks.deliveries(webhookId, { status, limit, after });
      const items = page.items.map((item) => ({ ...item, eventType: item.eventType as WebhookEndpoint['events'][number] }));
      return c.json({ items, nextCursor: page.next ? encodeCursor(CURSOR_KIND, [page.next.createdAt, page.next.id]) : null }, 200);
    })
    .openapi(retryRoute, async (c) => {
      const { deliveryId } = c.req.valid('param');
      const delivery = await store.webhooks.delivery(deliveryId);
      if (!delivery) throw notFound('delivery', deliveryId);
      if (!(await store.webhooks.retry(deliveryId, new Date()))) throw new ApiError(409, 'not_failed', `delivery "${deliveryId}" is ${delivery.status}: only a failed one is retried`);
      wake();
      return c.body(null, 202);
    });
}
