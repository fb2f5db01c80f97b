// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientGuide } from '../../shared/schemas/guide.ts';
import type { ClientSurvey } from '../../shared/schemas/survey.ts';
import { boot } from '../../widget/boot.ts';
import { mountGuide } from '../../widget/ui/guide.tsx';
import { GUIDE_HOST_TAG, HOST_TAG } from '../../widget/ui/shadow-host.ts';
import { mountSurvey } from '../../widget/ui/survey.tsx';
import { clientGuide, clientSurvey, fakeNetwork, guideStep } from './fixtures.ts';

type Win = Window & { kizuna?: any };
const win = window as Win;
const ROOT = 'https://kizuna.example/api/v1/client/pk_test';

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

/** Guides whose steps need no target (centred cards), so only triggers and ordering are tested here. */
const welcome = (over: Partial<ClientGuide> = {}) =>
  clientGuide({ steps: [guideStep({ title: 'Welcome' }), guideStep({ title: 'Second' }), guideStep({ title: 'Third' })], ...over });

let network: ReturnType<typeof fakeNetwork>;
let state: { surveys: ClientSurvey[]; guides: ClientGuide[]; maxStartsPerPageView: number };
let byId: Record<string, ClientGuide>;

function start(user = 'u1', attributes: Record<string, unknown> = {}) {
  const script = document.createElement('script');
  script.src = 'https://kizuna.example/widget.js';
  script.dataset.project = 'pk_test';
  if (process.env.KDEBUG) script.setAttribute('data-debug', '');
  document.head.append(script);
  boot({
    win,
    currentScript: script,
    fetch: network.fetch,
    importUi: async (url) => (url.endsWith('/guide.js') ? { mountGuide } : { mountSurvey }),
  });
  win.kizuna('identify', user, attributes);
}

const guideShown = () => document.querySelector(GUIDE_HOST_TAG)?.shadowRoot?.querySelector('[role="dialog"]') ?? null;
const surveyShown = () => document.querySelector(HOST_TAG) !== null;
const events = () => network.posts().filter((p) => p.url.endsWith('/events')).flatMap((p) => p.body.events);
const button = (name: string) =>
  [...(document.querySelector(GUIDE_HOST_TAG)?.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
  ) as HTMLButtonElement;
/** Lets loads, renders and effects (after the next frame) run. */
const settle = async () => {
  await vi.advanceTimersByTimeAsync(100);
  await vi.advanceTimersByTimeAsync(100);
};

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  state = { surveys: [], guides: [], maxStartsPerPageView: 1 };
  byId = {};
  network = fakeNetwork((url) => {
    if (url === `${ROOT}/state`) return json(state);
    const guide = /\/guides\/([^?]+)/.exec(url)?.[1];
    if (guide) return byId[guide] ? json(byId[guide]) : 404;
    if (url.includes('/surveys/')) return 404;
    return 200;
  });
});
afterEach(async () => {
  win.kizuna?.('reset');
  // Preact schedules effects on a (fake) frame: let it run, or hooks stay queued for the next test.
  await settle();
  delete win.kizuna;
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  history.replaceState(null, '', '/');
  vi.useRealTimers();
});

describe('state', () => {
  it('is asked by POST with the user, attributes and page address as text/plain JSON', async () => {
    start('u1', { plan: 'pro' });
    await settle();
    const [req] = network.sent;
    expect(req?.url).toBe(`${ROOT}/state`);
    expect(req?.init.method).toBe('POST');
    expect(new Headers(req?.init.headers).get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(req?.body).toEqual({ userId: 'u1', attributes: { plan: 'pro' }, url: location.href });
  });
});

describe('URL triggers and SPA navigation', () => {
  it('starts a guide when the app navigates to its page, after its delay', async () => {
    state.guides = [welcome({ trigger: { url: '/invoices*', delaySeconds: 2 } })];
    start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(guideShown()).toBeNull();
    history.pushState(null, '', '/invoices/42');
    await vi.advanceTimersByTimeAsync(1_900);
    expect(guideShown()).toBeNull();
    await settle();
    expect(guideShown()?.textContent).toContain('Welcome');
    expect(events().map((e) => e.type)).toEqual(['guide_shown', 'guide_step_shown']);
  });

  it.each([
    ['pushState', () => history.pushState(null, '', '/reports')],
    ['replaceState', () => history.replaceState(null, '', '/reports')],
    ['popstate', () => (history.replaceState(null, '', '/reports'), window.dispatchEvent(new PopStateEvent('popstate')))],
  ])('does not show a delayed guide after %s to a page it does not target', async (_, leave) => {
    history.replaceState(null, '', '/invoices');
    state.guides = [welcome({ trigger: { url: '/invoices*', delaySeconds: 3 } })];
    start();
    await vi.advanceTimersByTimeAsync(1_000);
    leave();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(guideShown()).toBeNull();
  });

  it('reacts to hash changes too', async () => {
    state.guides = [welcome({ trigger: { url: '/', delaySeconds: 1 } })];
    history.replaceState(null, '', '/settings');
    start();
    await settle();
    history.replaceState(null, '', '/');
    location.hash = '#billing';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    expect(guideShown()).not.toBeNull();
  });

  it('re-checks the audience when identify changes the attributes', async () => {
    state.guides = [welcome({ audience: { all: [{ attribute: 'plan', op: 'eq', value: 'pro' }] }, trigger: { delaySeconds: 5 } })];
    start('u1', { plan: 'pro' });
    await vi.advanceTimersByTimeAsync(2_000);
    win.kizuna('identify', 'u1', { plan: 'free' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(guideShown()).toBeNull();
    win.kizuna('identify', 'u1', { plan: 'pro' });
    await vi.advanceTimersByTimeAsync(5_000);
    await settle();
    expect(guideShown()).not.toBeNull();
  });
});

describe('one thing at a time', () => {
  it('shows the higher-priority survey first; the guide waits for the next page view', async () => {
    state.surveys = [clientSurvey({ priority: 5 })];
    state.guides = [welcome()];
    start();
    await settle();
    expect(surveyShown()).toBe(true);
    expect(guideShown()).toBeNull();
    document.querySelector(HOST_TAG)?.shadowRoot?.querySelector<HTMLButtonElement>('button.close')?.click();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(guideShown()).toBeNull();
    history.pushState(null, '', '/next');
    await settle();
    expect(guideShown()).not.toBeNull();
    expect(surveyShown()).toBe(false);
  });

  it('on a tie shows the guide; at most maxStartsPerPageView start per page view', async () => {
    state.surveys = [clientSurvey()];
    state.guides = [welcome()];
    start();
    await settle();
    expect(guideShown()).not.toBeNull();
    expect(surveyShown()).toBe(false);
    button('Close').click();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(surveyShown()).toBe(false);
    // An SPA route change is a new page view.
    history.pushState(null, '', '/next');
    await settle();
    expect(surveyShown()).toBe(true);
  });

  it('lets two start on one page view when the project allows it, never overlapping', async () => {
    state.maxStartsPerPageView = 2;
    state.guides = [welcome({ trigger: { event: 'invoice_sent', delaySeconds: 0 } })];
    state.surveys = [clientSurvey()];
    start();
    await settle();
    expect(surveyShown()).toBe(true);
    win.kizuna('track', 'invoice_sent');
    await settle();
    expect(guideShown()).toBeNull();
  });
});

describe('track', () => {
  it('sends a track event and starts the guide it triggers', async () => {
    state.guides = [welcome({ trigger: { event: 'invoice_sent', delaySeconds: 0 } })];
    start();
    await settle();
    expect(guideShown()).toBeNull();
    win.kizuna('track', 'invoice_sent', { amount: 1200, bad: { nested: 1 } });
    await settle();
    expect(guideShown()?.textContent).toContain('Welcome');
    expect(events()[0]).toMatchObject({ type: 'track', name: 'invoice_sent', props: { amount: 1200 }, userId: 'u1' });
    expect(events()[0].id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });
});

describe('show, progress and history', () => {
  it('show(id) starts a guide fetched by id', async () => {
    byId.gd_help = welcome({ id: 'gd_help', steps: [guideStep({ title: 'On demand' })] });
    start();
    await settle();
    win.kizuna('show', 'gd_help');
    await settle();
    expect(guideShown()?.textContent).toContain('On demand');
    expect(network.sent.map((s) => s.url)).toContain(`${ROOT}/guides/gd_help?userId=u1`);
  });

  it('show(id) takes a guide from the state without asking again', async () => {
    state.guides = [welcome({ trigger: { event: 'never', delaySeconds: 0 } })];
    start();
    win.kizuna('show', 'gd_tour');
    await settle();
    expect(guideShown()?.textContent).toContain('Welcome');
    expect(network.sent.filter((s) => s.url.includes('/guides/'))).toEqual([]);
  });

  it('resumes a tour at progress.stepIndex, and reports the steps', async () => {
    state.guides = [welcome({ progress: { stepIndex: 1 } })];
    start();
    await settle();
    expect(guideShown()?.textContent).toContain('2 / 3');
    button('Next').click();
    await settle();
    button('Done').click();
    await settle();
    expect(events().map((e) => [e.type, e.stepIndex])).toEqual([
      ['guide_shown', undefined],
      ['guide_step_shown', 1],
      ['guide_step_completed', 1],
      ['guide_step_shown', 2],
      ['guide_step_completed', 2],
      ['guide_completed', undefined],
    ]);
  });

  it('never shows again a once guide finished on this device, even before the server hears of it', async () => {
    network = fakeNetwork((url) => (url === `${ROOT}/state` ? json(state) : 503));
    state.guides = [welcome()];
    start();
    await settle();
    button('Close').click();
    await settle();
    expect(guideShown()).toBeNull();
    win.kizuna('reset');
    // The server has not heard (events fail with 503): it still sends the guide.
    start();
    history.pushState(null, '', '/other');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(guideShown()).toBeNull();
  });

  it('keeps the local step so a reload resumes where the user was', async () => {
    state.guides = [welcome()];
    start();
    await settle();
    button('Next').click();
    await settle();
    win.kizuna('reset');
    start();
    await settle();
    expect(guideShown()?.textContent).toContain('2 / 3');
  });
});
