// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDispatcher, type Dispatcher } from '../../server/delivery/dispatcher.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointWithSecret } from '../../shared/schemas/webhook.ts';
import { admin } from '../../console/api.ts';
import { setLocale } from '../../console/i18n/index.ts';
import { navigate } from '../../console/router.ts';
import { startReceiver, type Receiver } from '../server/delivery/receiver.ts';
import { adminInit, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';

describe('integrations page', () => {
  let server: ConsoleServer;
  let project: Project;
  let receiver: Receiver;
  /** What the receiver answers next (200 unless a test says otherwise). */
  let answers: number[];
  let dispatcher: Dispatcher | undefined;

  beforeEach(async () => {
    answers = [];
    receiver = await startReceiver((_, response) => {
      response.statusCode = answers.shift() ?? 200;
      response.end(response.statusCode === 410 ? 'endpoint removed' : 'ok');
    });
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
    await receiver.close();
  });
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => {
      server = s;
      project = s.project;
    },
    // The receiver listens on 127.0.0.1 over http, as a self-hoster's own network would.
    { allowPrivateWebhooks: true },
  );

  const api = async <T,>(method: string, path: string, body?: unknown) => {
    const res = await server.t.app.request(`/api/v1/admin${path}`, adminInit(method, body));
    return (res.status === 202 || res.status === 204 ? undefined : await res.json()) as T;
  };
  const addEndpoint = (body: object = {}) =>
    api<WebhookEndpointWithSecret>('POST', `/projects/${project.id}/webhooks`, { url: receiver.url('/hook'), events: ['followup.created', 'webhook.test'], description: 'CS receiver', ...body });
  const deliveries = (id: string) => api<WebhookDeliveryPage>('GET', `/webhooks/${id}/deliveries`);
  /** The in-process server runs no dispatcher (the built one does): one over the same store, polling fast. */
  const dispatch = () => (dispatcher = startDispatcher({ store: server.t.store, allowPrivate: true, pollMs: 50, log: () => {} }));
  const card = async (name: string) => (await screen.findByRole('region', { name })) as HTMLElement;

  it('adds an endpoint: errors at the fields, then fixed; the secret is shown once, then only on Reveal', async () => {
    await openConsole('/integrations', 'Integrations');
    expect(screen.getByRole('link', { name: 'Integrations' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('No endpoint yet: add one below.')).toBeTruthy();
    const add = screen.getByRole('region', { name: 'Add an endpoint' });

    fireEvent.input(within(add).getByLabelText('URL'), { target: { value: 'ftp://hooks.example.com/kizuna' } });
    fireEvent.click(within(add).getByRole('checkbox', { name: 'followup.created' }));
    fireEvent.click(within(add).getByRole('button', { name: 'Add endpoint' }));
    expect((await within(add).findByRole('alert')).textContent).toBe('Some fields need attention: see the messages next to them.');
    const url = within(add).getByLabelText('URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(url.getAttribute('aria-describedby')!.split(' ')[1]!)!.textContent).toMatch(/http\(s\) URL/);
    const events = within(add).getByRole('group', { name: 'Events' });
    expect(document.getElementById(events.getAttribute('aria-describedby')!)!.textContent).toMatch(/choose at least one event/);
    expect(await api<{ items: unknown[] }>('GET', `/projects/${project.id}/webhooks`)).toEqual({ items: [] });

    fireEvent.input(url, { target: { value: receiver.url('/hook') } });
    fireEvent.click(within(add).getByRole('checkbox', { name: 'response.created' }));
    fireEvent.click(within(add).getByRole('checkbox', { name: 'webhook.test' }));
    fireEvent.change(within(add).getByLabelText('Format'), { target: { value: 'slack' } });
    fireEvent.input(within(add).getByLabelText('Description'), { target: { value: 'CS channel' } });
    fireEvent.click(within(add).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(add).findByText('Endpoint CS channel added.')).toBeTruthy();
    const [stored] = (await api<{ items: WebhookEndpoint[] }>('GET', `/projects/${project.id}/webhooks`)).items;
    expect(stored).toMatchObject({ url: receiver.url('/hook'), events: ['response.created', 'webhook.test'], format: 'slack', description: 'CS channel', active: true });
    const { secret } = await api<{ secret: string }>('GET', `/webhooks/${stored!.id}/secret`);
    expect(within(add).getByText(secret)).toBeTruthy();
    expect(within(add).getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(within(add).getByText(/Store it in your receiver now/)).toBeTruthy();
    // The form is ready for the next one.
    expect((within(add).getByLabelText('URL') as HTMLInputElement).value).toBe('');

    const row = await card('CS channel');
    expect(within(row).getByText('Slack message')).toBeTruthy();
    expect(within(row).getByText('None yet')).toBeTruthy();

    // Another visit: the secret is not on the page until revealed.
    navigate('/projects');
    await screen.findByRole('heading', { level: 1, name: 'Projects' });
    navigate('/integrations');
    const again = await card('CS channel');
    expect(screen.queryByText(secret)).toBeNull();
    fireEvent.click(within(again).getByRole('button', { name: 'Reveal secret of CS channel' }));
    expect(await within(again).findByText(secret)).toBeTruthy();
    fireEvent.click(within(again).getByRole('button', { name: 'Hide secret' }));
    expect(within(again).queryByText(secret)).toBeNull();
  });

  it('sends a test and shows it delivered in the log, signed with the endpoint’s secret', async () => {
    const endpoint = await addEndpoint();
    await openConsole('/integrations', 'Integrations');
    const row = await card('CS receiver');
    fireEvent.click(within(row).getByRole('button', { name: 'Send test to CS receiver' }));
    expect(await within(row).findByText('Test event sent to CS receiver: its delivery is in the log.')).toBeTruthy();
    const log = await within(row).findByRole('region', { name: 'Delivery log of CS receiver' });
    await within(log).findByText('Pending', { selector: '.badge' });
    // Sent only now: the open log sees it delivered by itself.
    dispatch();
    await within(log).findByText('Delivered', { selector: '.badge' }, { timeout: 5000 });
    const item = within(log).getByText('webhook.test').closest('li')!;
    expect(within(item).getByText('HTTP 200')).toBeTruthy();
    expect(within(item).getByText('ok')).toBeTruthy();
    // The endpoint's row follows: its last delivery.
    await waitFor(() => expect(row.querySelector('dl.facts')!.textContent).toMatch(/HTTP 200$/));

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const event = new Webhook(endpoint.secret).verify(request!.body, request!.headers as Record<string, string>) as { type: string; id: string };
    expect(event.type).toBe('webhook.test');
    expect(within(item).getByText(event.id)).toBeTruthy();
  });

  it('shows an endpoint turned off by a 410 with why, turns it on again and retries the failed delivery', async () => {
    const endpoint = await addEndpoint();
    answers = [410];
    await api('POST', `/webhooks/${endpoint.id}/test`);
    dispatch();
    await waitFor(async () => expect((await deliveries(endpoint.id)).items[0]?.status).toBe('failed'), { timeout: 5000 });

    await openConsole('/integrations', 'Integrations');
    const row = await card('CS receiver');
    expect(row.classList.contains('deactivated')).toBe(true);
    expect(within(row).getByText('Turned off by Kizuna')).toBeTruthy();
    expect(within(row).getByText('Kizuna turned this endpoint off: the receiver answered 410 Gone.')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Delivery log of CS receiver' }));
    const log = await within(row).findByRole('region', { name: 'Delivery log of CS receiver' });
    const item = (await within(log).findByText('Failed', { selector: '.badge' })).closest('li')!;
    expect(within(item).getByText('HTTP 410')).toBeTruthy();
    expect(within(item).getByText('endpoint removed')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Turn on again: CS receiver' }));
    expect(await within(row).findByText('Endpoint CS receiver is on again.')).toBeTruthy();
    expect(within(row).queryByText(/the receiver answered 410 Gone/)).toBeNull();
    expect(row.classList.contains('deactivated')).toBe(false);

    fireEvent.click(within(item).getByRole('button', { name: /^Retry webhook\.test evt_/ }));
    expect(await within(log).findByText('webhook.test is being sent again.')).toBeTruthy();
    const delivered = (await within(log).findByText('Delivered', { selector: '.badge' }, { timeout: 5000 })).closest('li')!;
    expect(within(delivered).getByText('HTTP 410')).toBeTruthy();
    expect(within(delivered).getByText('HTTP 200')).toBeTruthy();
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).toEqual([receiver.requests[0]!.headers['webhook-id'], receiver.requests[0]!.headers['webhook-id']]);
  });

  it('filters the log by status', async () => {
    const endpoint = await addEndpoint();
    answers = [410];
    await api('POST', `/webhooks/${endpoint.id}/test`);
    dispatch();
    await waitFor(async () => expect((await deliveries(endpoint.id)).items[0]?.status).toBe('failed'), { timeout: 5000 });
    await api('PATCH', `/webhooks/${endpoint.id}`, { active: true });
    await api('POST', `/webhooks/${endpoint.id}/test`);
    await waitFor(async () => expect((await deliveries(endpoint.id)).items.map((d) => d.status)).toEqual(['delivered', 'failed']), { timeout: 5000 });

    await openConsole('/integrations', 'Integrations');
    const row = await card('CS receiver');
    fireEvent.click(within(row).getByRole('button', { name: 'Delivery log of CS receiver' }));
    const log = await within(row).findByRole('region', { name: 'Delivery log of CS receiver' });
    await within(log).findByText('Delivered', { selector: '.badge' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.change(within(log).getByLabelText('Status'), { target: { value: 'failed' } });
    await waitFor(() => expect(within(log).queryByText('Delivered', { selector: '.badge' })).toBeNull());
    expect(within(log).getAllByRole('listitem')).toHaveLength(1);
    expect(within(log).getByText('Failed', { selector: '.badge' })).toBeTruthy();
  });

  it('edits an endpoint, rotates its secret after a confirmation, and removes it after another', async () => {
    const endpoint = await addEndpoint();
    await openConsole('/integrations', 'Integrations');
    let row = await card('CS receiver');

    fireEvent.click(within(row).getByRole('button', { name: 'Edit CS receiver' }));
    let dialog = screen.getByRole('dialog', { name: 'Edit CS receiver' });
    fireEvent.input(within(dialog).getByLabelText('URL'), { target: { value: 'not a url' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByRole('alert');
    expect(within(dialog).getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(within(dialog).getByLabelText('URL'), { target: { value: receiver.url('/other') } });
    fireEvent.input(within(dialog).getByLabelText('Description'), { target: { value: 'Support inbox' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'followup.overdue' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    row = await card('Support inbox');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(row).getByText('Endpoint Support inbox saved.')).toBeTruthy();
    expect(await api<WebhookEndpoint>('GET', `/webhooks/${endpoint.id}`)).toMatchObject({ url: receiver.url('/other'), events: ['followup.created', 'followup.overdue', 'webhook.test'] });

    fireEvent.click(within(row).getByRole('button', { name: 'Rotate secret of Support inbox' }));
    dialog = screen.getByRole('dialog', { name: 'Rotate the secret of Support inbox?' });
    expect(within(dialog).getByText(/For 24 hours every delivery is signed with both/)).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect((await api<{ secret: string }>('GET', `/webhooks/${endpoint.id}/secret`)).secret).toBe(endpoint.secret);
    fireEvent.click(within(row).getByRole('button', { name: 'Rotate secret of Support inbox' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Rotate now' }));
    expect(await within(row).findByText('New secret for Support inbox. The old one keeps signing for 24 hours.')).toBeTruthy();
    const { secret } = await api<{ secret: string }>('GET', `/webhooks/${endpoint.id}/secret`);
    expect(secret).not.toBe(endpoint.secret);
    expect(within(row).getByText(secret)).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Remove Support inbox' }));
    dialog = screen.getByRole('dialog', { name: 'Remove Support inbox?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await api<WebhookEndpoint>('GET', `/webhooks/${endpoint.id}`)).toMatchObject({ id: endpoint.id });
    fireEvent.click(within(row).getByRole('button', { name: 'Remove Support inbox' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove endpoint' }));
    expect(await screen.findByText('Endpoint Support inbox removed.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Support inbox' })).toBeNull();
    expect(await api<{ items: unknown[] }>('GET', `/projects/${project.id}/webhooks`)).toEqual({ items: [] });
  });

  it('speaks Japanese', async () => {
    await addEndpoint();
    setLocale('ja');
    await openConsole('/integrations', '連携');
    const row = await card('CS receiver');
    expect(within(row).getByText('署名付きJSON（Standard Webhooks）')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'CS receiverにテスト送信' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'イベント' })).toBeTruthy();
  });

  it('is not offered to customer success, whom the API refuses too', async () => {
    await signInAs(server, 'cs');
    await openConsole('/integrations', 'Integrations');
    expect(screen.getByText('Your role cannot do this.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Integrations' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Add an endpoint' })).toBeNull();
    await expect(admin.get(`/projects/${project.id}/webhooks`)).rejects.toMatchObject({ status: 403 });
  });
});
