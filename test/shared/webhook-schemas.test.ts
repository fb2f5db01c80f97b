import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  webhookDelivery,
  webhookDeliveryListQuery,
  webhookEndpoint,
  webhookEndpointInput,
  webhookEndpointUpdate,
  webhookEndpointWithSecret,
  webhookEnvelope,
} from '../../shared/schemas/webhook.ts';
import { WEBHOOK_EVENT_TYPES } from '../../shared/webhook-events.ts';

const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('WEBHOOK_EVENT_TYPES', () => {
  it('lists the catalogue', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(['response.created', 'response.updated', 'followup.created', 'followup.updated', 'followup.overdue', 'webhook.test']);
  });

  it('lives in a module the console can import without pulling in zod', () => {
    const source = readFileSync(new URL('../../shared/webhook-events.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^import /m);
  });
});

describe('webhookEndpointInput', () => {
  const valid = { url: 'https://hooks.example.com/kizuna', events: ['response.created'] };

  it('fills the documented defaults', () => {
    expect(webhookEndpointInput.parse(valid)).toEqual({ ...valid, format: 'standard', description: null, active: true });
  });

  it('accepts every event type, the slack format and a description', () => {
    const body = { ...valid, events: [...WEBHOOK_EVENT_TYPES], format: 'slack', description: ' CS channel ', active: false };
    expect(webhookEndpointInput.parse(body)).toEqual({ ...body, description: 'CS channel' });
  });

  it.each([
    [{ events: ['response.deleted'] }, 'events.0'],
    [{ events: ['response.created', 'nps.changed'] }, 'events.1'],
    [{ events: [] }, 'events'],
    [{ events: 'response.created' }, 'events'],
    [{ events: undefined }, 'events'],
    [{ events: ['response.created', 'followup.created', 'response.created'] }, 'events.2'],
    [{ format: 'xml' }, 'format'],
    [{ format: 'Slack' }, 'format'],
    [{ url: 'ftp://hooks.example.com/' }, 'url'],
    [{ url: 'javascript:alert(1)' }, 'url'],
    [{ url: 'hooks.example.com/kizuna' }, 'url'],
    [{ url: `https://hooks.example.com/${'x'.repeat(2048)}` }, 'url'],
    [{ url: undefined }, 'url'],
    [{ description: 'x'.repeat(201) }, 'description'],
    [{ active: 'yes' }, 'active'],
  ])('names the bad field in %j', (patch, path) => {
    expect(paths(webhookEndpointInput.safeParse({ ...valid, ...patch }))).toEqual([path]);
  });

  it('trims the URL', () => {
    expect(webhookEndpointInput.parse({ ...valid, url: '  https://hooks.example.com/a  ' }).url).toBe('https://hooks.example.com/a');
  });
});

describe('webhookEndpointUpdate', () => {
  it('takes any one field and adds no defaults', () => {
    expect(webhookEndpointUpdate.parse({ active: false })).toEqual({ active: false });
    expect(webhookEndpointUpdate.parse({ description: null })).toEqual({ description: null });
    expect(webhookEndpointUpdate.parse({ events: ['followup.overdue'] })).toEqual({ events: ['followup.overdue'] });
  });

  it('refuses an empty update and the create rules still hold', () => {
    expect(webhookEndpointUpdate.safeParse({}).success).toBe(false);
    expect(paths(webhookEndpointUpdate.safeParse({ events: [] }))).toEqual(['events']);
    expect(paths(webhookEndpointUpdate.safeParse({ events: ['webhook.test', 'webhook.test'] }))).toEqual(['events.1']);
    expect(paths(webhookEndpointUpdate.safeParse({ format: 'teams' }))).toEqual(['format']);
  });
});

describe('answers', () => {
  const endpoint = {
    id: 'wh_1',
    projectId: 'prj_1',
    url: 'https://hooks.example.com/kizuna',
    events: ['response.created'],
    format: 'standard',
    description: null,
    active: false,
    deactivatedReason: 'gone',
    createdAt: '2026-12-01T00:00:00.000Z',
    lastDelivery: { at: '2026-12-01T00:00:05.000Z', status: 410, error: null },
  };

  it('an endpoint carries no secret; the create and rotate answer does', () => {
    expect(webhookEndpoint.parse({ ...endpoint, secret: 'whsec_c2VjcmV0' })).not.toHaveProperty('secret');
    expect(webhookEndpointWithSecret.parse({ ...endpoint, secret: 'whsec_c2VjcmV0' }).secret).toBe('whsec_c2VjcmV0');
    expect(paths(webhookEndpointWithSecret.safeParse({ ...endpoint, secret: 'c2VjcmV0' }))).toEqual(['secret']);
    expect(paths(webhookEndpoint.safeParse({ ...endpoint, deactivatedReason: 'tired' }))).toEqual(['deactivatedReason']);
  });

  it('a delivery log item lists its attempts', () => {
    const delivery = {
      id: 'dl_1',
      eventId: 'evt_0123456789abcdef',
      eventType: 'followup.overdue',
      status: 'pending',
      attempts: [
        { at: '2026-12-01T00:00:00.000Z', status: 503, error: null, durationMs: 12, response: 'busy' },
        { at: '2026-12-01T00:00:05.000Z', status: null, error: 'ECONNREFUSED', durationMs: 1, response: null },
      ],
      nextAttemptAt: '2026-12-01T00:05:05.000Z',
      createdAt: '2026-12-01T00:00:00.000Z',
    };
    expect(webhookDelivery.parse(delivery)).toEqual(delivery);
    expect(paths(webhookDelivery.safeParse({ ...delivery, status: 'retrying' }))).toEqual(['status']);
  });

  it('the delivery list query takes a status and a page', () => {
    expect(webhookDeliveryListQuery.parse({ status: 'failed', limit: '10' })).toEqual({ status: 'failed', limit: 10 });
    expect(paths(webhookDeliveryListQuery.safeParse({ status: 'ok' }))).toEqual(['status']);
  });
});

describe('webhookEnvelope', () => {
  const response = {
    id: 'resp_123456789',
    surveyId: 'srv_1',
    surveyName: 'Quarterly NPS',
    userId: 'u_42',
    score: 3,
    category: 'detractor',
    touchpoints: [
      { key: 'billing', label: { ja: '請求', en: 'Billing' }, value: -3 },
      { key: 'docs', label: 'Docs', value: 1 },
    ],
    comment: 'Invoices are confusing.',
    locale: 'ja',
    url: 'https://app.example.com/invoices',
    attributes: { plan: 'pro', ltv: 120000, trial: false, company: null },
    consoleUrl: 'https://kizuna.example.com/admin/inbox/fu_1',
  };
  const followup = {
    id: 'fu_1',
    status: 'open',
    assignee: null,
    dueAt: '2026-12-03T00:00:00.000Z',
    score: 3,
    userId: 'u_42',
    responseId: 'resp_123456789',
    consoleUrl: 'https://kizuna.example.com/admin/inbox/fu_1',
  };
  const base = { id: 'evt_0123456789abcdef', version: 1, createdAt: '2026-12-01T00:00:00.000Z', projectId: 'prj_1' };
  const events = {
    'response.created': { response },
    'response.updated': { response: { ...response, consoleUrl: null } },
    'followup.created': { followup, response },
    'followup.updated': {
      followup: { ...followup, status: 'in_progress', assignee: 'aiko@example.com' },
      changes: [
        { field: 'status', from: 'open', to: 'in_progress' },
        { field: 'assignee', from: null, to: 'aiko@example.com' },
        { field: 'note', from: null, to: 'Called them.' },
      ],
      actor: 'aiko@example.com',
    },
    'followup.overdue': { followup },
    'webhook.test': { webhookId: 'wh_1' },
  };

  it.each(Object.entries(events))('parses a %s event as itself', (type, data) => {
    const event = { ...base, type, data };
    expect(webhookEnvelope.parse(event)).toEqual(event);
  });

  it.each([
    ['an unknown type', { ...base, type: 'response.deleted', data: events['response.created'] }, 'type'],
    ['a data of another type', { ...base, type: 'followup.overdue', data: events['response.created'] }, 'data.followup'],
    ['an id without evt_', { ...base, id: 'msg_0123456789', type: 'webhook.test', data: events['webhook.test'] }, 'id'],
    ['another version', { ...base, version: 2, type: 'webhook.test', data: events['webhook.test'] }, 'version'],
    ['a time without zone', { ...base, createdAt: '2026-12-01 00:00', type: 'webhook.test', data: events['webhook.test'] }, 'createdAt'],
    [
      'a touchpoint value out of range',
      { ...base, type: 'response.created', data: { response: { ...response, touchpoints: [{ key: 'docs', label: 'Docs', value: -4 }] } } },
      'data.response.touchpoints.0.value',
    ],
    ['a category that is not one', { ...base, type: 'response.created', data: { response: { ...response, category: 'critic' } } }, 'data.response.category'],
    [
      'an update without changes',
      { ...base, type: 'followup.updated', data: { ...events['followup.updated'], changes: [] } },
      'data.changes',
    ],
    [
      'a change of a field that cannot change',
      { ...base, type: 'followup.updated', data: { ...events['followup.updated'], changes: [{ field: 'score', from: '3', to: '9' }] } },
      'data.changes.0.field',
    ],
  ])('refuses %s', (_, event, path) => {
    expect(paths(webhookEnvelope.safeParse(event))).toContain(path);
  });
});
