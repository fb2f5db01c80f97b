// @vitest-environment jsdom
import { fireEvent, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clientEndpoints } from '../../widget/endpoints.ts';
import { openHistory } from '../../widget/history.ts';
import { openOutbox } from '../../widget/outbox.ts';
import { pageUrlOf, presentSurvey } from '../../widget/present.ts';
import { createStore } from '../../widget/storage.ts';
import type { MountedSurvey } from '../../widget/survey-ui.ts';
import { createTransport, type Transport } from '../../widget/transport.ts';
import { HOST_TAG } from '../../widget/ui/shadow-host.ts';
import { mountSurvey } from '../../widget/ui/survey.tsx';
import { clientSurvey, fakeNetwork } from './fixtures.ts';

/**
 * The real survey UI, mounted as the loader mounts it (shadow root on <body>), wired to a real
 * transport whose network is a fake: what reaches the "server" is what the tests check.
 */
let transport: Transport;
let network: ReturnType<typeof fakeNetwork>;
let card: MountedSurvey;
const store = createStore(() => localStorage);
const history = () => openHistory(store, 'pk_test', 'u1');
const onClosed = vi.fn();

function show() {
  card = presentSurvey({
    mount: mountSurvey,
    survey: clientSurvey(),
    respondent: { id: 'u1', attributes: { plan: 'pro', ltv: 120000, locale: 'en' }, locale: 'en' },
    transport,
    history: history(),
    pageUrl: 'https://app.example/invoices?page=2',
    log: () => {},
    onClosed,
  });
  const host = document.querySelector(HOST_TAG);
  const dialog = host?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
  if (!host || !dialog) throw new Error('no card');
  return { host, ui: within(dialog) };
}

const responses = () => network.posts().filter((p) => p.url.endsWith('/responses')).map((p) => p.body);
const events = () => network.posts().filter((p) => p.url.endsWith('/events')).flatMap((p) => p.body.events);

beforeEach(() => {
  localStorage.clear();
  onClosed.mockReset();
  network = fakeNetwork();
  transport = createTransport({
    endpoints: clientEndpoints('https://kizuna.example/', 'pk_test'),
    outbox: openOutbox(store, 'pk_test'),
    fetch: network.fetch,
    win: window,
    log: () => {},
  });
});
afterEach(() => {
  card.unmount();
  transport.dispose();
});

describe('a shown survey', () => {
  it('lives in an open shadow root on a <kizuna-survey> at the end of <body>, with its own styles', () => {
    document.body.append(document.createElement('main'));
    const { host } = show();
    expect(document.body.lastElementChild).toBe(host);
    expect(host.shadowRoot?.mode).toBe('open');
    // jsdom has no constructable stylesheets: the <style> fallback is used.
    expect(host.shadowRoot?.querySelector('style')?.textContent).toContain(':host { all: initial !important; }');
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
  });

  it('reports survey_shown', async () => {
    show();
    await vi.waitFor(() => expect(events()).toHaveLength(1));
    expect(events()[0]).toMatchObject({ type: 'survey_shown', surveyId: 'srv_relationship', userId: 'u1' });
    expect(events()[0].id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });

  it('sends the score on Next, then factors and comment with the same id', async () => {
    const { ui } = show();
    fireEvent.click(ui.getByRole('radio', { name: '3' }));
    expect(responses()).toEqual([]);
    fireEvent.click(ui.getByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(responses()).toHaveLength(1));
    const [first] = responses();
    expect(first).toEqual({
      id: first.id,
      surveyId: 'srv_relationship',
      userId: 'u1',
      score: 3,
      locale: 'en',
      url: 'https://app.example/invoices?page=2',
      attributes: { plan: 'pro', ltv: 120000, locale: 'en' },
    });
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(history().get('srv_relationship').answeredAt).toBeGreaterThan(0);

    fireEvent.click(within(ui.getByRole('radiogroup', { name: 'Support' })).getByRole('radio', { name: 'Very negative influence' }));
    fireEvent.click(ui.getByRole('button', { name: 'Next' }));
    await vi.waitFor(() => expect(responses()).toHaveLength(2));
    expect(responses()[1]).toEqual({ ...first, factors: { support: -3 } });

    fireEvent.input(ui.getByRole('textbox'), { target: { value: '請求書の画面が遅いです' } });
    fireEvent.click(ui.getByRole('button', { name: 'Submit' }));
    await vi.waitFor(() => expect(responses()).toHaveLength(3));
    expect(responses()[2]).toEqual({ ...first, factors: { support: -3 }, comment: '請求書の画面が遅いです' });
  });

  it('sends nothing new when a step adds nothing (all touchpoints not applicable, no comment)', async () => {
    const { ui } = show();
    fireEvent.click(ui.getByRole('radio', { name: '10' }));
    fireEvent.click(ui.getByRole('button', { name: 'Next' }));
    fireEvent.click(ui.getByRole('button', { name: 'Next' }));
    fireEvent.click(ui.getByRole('button', { name: 'Submit' }));
    await vi.waitFor(() => expect(responses()).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(responses()).toHaveLength(1);
  });

  it('closed on Esc after the score: keeps the answer, reports no dismissal, removes the card', async () => {
    const { ui } = show();
    fireEvent.click(ui.getByRole('radio', { name: '8' }));
    fireEvent.click(ui.getByRole('button', { name: 'Next' }));
    fireEvent.keyDown(ui.getByRole('radiogroup', { name: 'Support' }), { key: 'Escape' });
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(onClosed).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(responses()).toEqual([expect.objectContaining({ score: 8 })]));
    expect(events().map((e) => e.type)).toEqual(['survey_shown']);
    expect(history().get('srv_relationship').dismissedAt).toBeUndefined();
  });

  it('closed on Esc before any score: reports survey_dismissed and remembers it', async () => {
    const { ui } = show();
    fireEvent.click(ui.getByRole('radio', { name: '8' }));
    fireEvent.keyDown(ui.getByRole('radio', { name: '8' }), { key: 'Escape' });
    expect(document.querySelector(HOST_TAG)).toBeNull();
    await vi.waitFor(() => expect(events().map((e) => e.type)).toEqual(['survey_shown', 'survey_dismissed']));
    expect(responses()).toEqual([]);
    expect(history().get('srv_relationship')).toEqual({ dismissedAt: expect.any(Number) });
  });
});

describe('pageUrlOf', () => {
  it('drops the fragment, and the whole URL when the server would refuse its length', () => {
    expect(pageUrlOf({ href: 'https://app.example/a?b=1#secret' } as Location)).toBe('https://app.example/a?b=1');
    expect(pageUrlOf({ href: `https://app.example/${'x'.repeat(2100)}` } as Location)).toBeUndefined();
  });
});
