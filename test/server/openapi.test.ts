import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhook-events.ts';
import { makeTestServer, type TestServer } from './helpers.ts';

describe('GET /api/openapi.json', () => {
  let t: TestServer;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[]; requestBody?: { content: Record<string, unknown> } }>>;
    components: { securitySchemes: Record<string, unknown> };
  };
  beforeAll(async () => {
    t = makeTestServer();
    const res = await t.app.request('http://kizuna.test/api/openapi.json');
    expect(res.status).toBe(200);
    doc = (await res.json()) as typeof doc;
  });
  afterAll(() => t.close());

  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists every route', () => {
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'GET /api/v1/client/{projectKey}/state',
        'POST /api/v1/client/{projectKey}/state',
        'GET /api/v1/client/{projectKey}/surveys/{surveyId}',
        'GET /api/v1/client/{projectKey}/guides/{guideId}',
        'POST /api/v1/client/{projectKey}/responses',
        'POST /api/v1/client/{projectKey}/events',
        'POST /api/v1/admin/projects',
        'GET /api/v1/admin/projects',
        'GET /api/v1/admin/projects/{projectId}',
        'PATCH /api/v1/admin/projects/{projectId}',
        'DELETE /api/v1/admin/projects/{projectId}',
        'POST /api/v1/admin/projects/{projectId}/surveys',
        'GET /api/v1/admin/projects/{projectId}/surveys',
        'GET /api/v1/admin/surveys/{surveyId}',
        'PATCH /api/v1/admin/surveys/{surveyId}',
        'DELETE /api/v1/admin/surveys/{surveyId}',
        'POST /api/v1/admin/surveys/{surveyId}/deactivate',
        'GET /api/v1/admin/surveys/{surveyId}/report',
        'GET /api/v1/admin/surveys/{surveyId}/dashboard',
        'GET /api/v1/admin/surveys/{surveyId}/matrix-users',
        'GET /api/v1/admin/surveys/{surveyId}/comments',
        'GET /api/v1/admin/projects/{projectId}/responses.csv',
        'GET /api/v1/admin/projects/{projectId}/followups.csv',
        'POST /api/v1/admin/projects/{projectId}/guides',
        'GET /api/v1/admin/projects/{projectId}/guides',
        'GET /api/v1/admin/guides/{guideId}',
        'PATCH /api/v1/admin/guides/{guideId}',
        'DELETE /api/v1/admin/guides/{guideId}',
        'POST /api/v1/admin/guides/{guideId}/deactivate',
        'POST /api/v1/admin/guides/{guideId}/authoring-sessions',
        'GET /api/v1/admin/guides/{guideId}/report',
        'GET /api/v1/admin/projects/{projectId}/followups',
        'GET /api/v1/admin/followups/{followupId}',
        'PATCH /api/v1/admin/followups/{followupId}',
        'GET /api/v1/admin/projects/{projectId}/customers/{userId}/export',
        'DELETE /api/v1/admin/projects/{projectId}/customers/{userId}',
        'GET /api/v1/admin/projects/{projectId}/erasures',
        'GET /api/v1/admin/me',
        'PATCH /api/v1/admin/me',
        'GET /api/v1/admin/me/mail-preferences',
        'PUT /api/v1/admin/me/mail-preferences',
        'GET /api/v1/admin/users',
        'POST /api/v1/admin/users',
        'PATCH /api/v1/admin/users/{userId}',
        'DELETE /api/v1/admin/users/{userId}',
        'POST /api/v1/admin/projects/{projectId}/webhooks',
        'GET /api/v1/admin/projects/{projectId}/webhooks',
        'GET /api/v1/admin/webhooks/{webhookId}',
        'PATCH /api/v1/admin/webhooks/{webhookId}',
        'DELETE /api/v1/admin/webhooks/{webhookId}',
        'GET /api/v1/admin/webhooks/{webhookId}/secret',
        'POST /api/v1/admin/webhooks/{webhookId}/rotate-secret',
        'POST /api/v1/admin/webhooks/{webhookId}/test',
        'GET /api/v1/admin/webhooks/{webhookId}/deliveries',
        'POST /api/v1/admin/deliveries/{deliveryId}/retry',
        'POST /api/v1/authoring/sessions',
        'GET /api/v1/authoring/guide',
        'PUT /api/v1/authoring/guide',
      ].sort(),
    );
  });

  it('declares the bearer token or the console session on every admin route, the authoring session on the authoring guide, and none on client routes', () => {
    expect(doc.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.consoleSession).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes.authoringSession).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.metricsToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const expected = (path: string) => {
      if (path === '/metrics') return [{ adminToken: [] }, { metricsToken: [] }];
      if (path.startsWith('/api/v1/admin/')) return [{ adminToken: [] }, { consoleSession: [] }];
      // Trading a link needs no session: the link's token is in the body.
      return path === '/api/v1/authoring/guide' ? [{ authoringSession: [] }] : undefined;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.security, path).toEqual(expected(path));
    }
  });

  it('lists every webhook event in its webhooks section, each with its envelope and signature headers', () => {
    const webhooks = (doc as unknown as { webhooks: Record<string, { post: { parameters: Array<{ name: string }> } }> }).webhooks;
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(webhooks['response.created']!.post.parameters.map((p) => p.name).sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
  });

  it('documents the CSV downloads as text/csv', () => {
    for (const path of ['/api/v1/admin/projects/{projectId}/responses.csv', '/api/v1/admin/projects/{projectId}/followups.csv']) {
      const ok = (doc.paths[path]!.get as unknown as { responses: Record<string, { content: Record<string, unknown> }> }).responses['200']!;
      expect(Object.keys(ok.content)).toEqual(['text/csv']);
    }
  });

  it('documents both media types for the bodies the widget sends', () => {
    const bodies = [
      ...['/api/v1/client/{projectKey}/responses', '/api/v1/client/{projectKey}/events', '/api/v1/client/{projectKey}/state', '/api/v1/authoring/sessions'].map((path) => doc.paths[path]!.post!),
      doc.paths['/api/v1/authoring/guide']!.put!,
    ];
    for (const op of bodies) expect(Object.keys(op.requestBody!.content).sort()).toEqual(['application/json', 'text/plain']);
  });
});
