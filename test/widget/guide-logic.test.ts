// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDue, pickNext, startStep, stillTargets, type Candidate, type DueContext } from '../../widget/due.ts';
import { openGuideHistory } from '../../widget/history.ts';
import { watchNavigation } from '../../widget/navigation.ts';
import { openOutbox } from '../../widget/outbox.ts';
import { createStore } from '../../widget/storage.ts';
import { resolveTarget, TARGET_WAIT_MS, waitForTarget } from '../../widget/ui/target.ts';
import { clientGuide, clientSurvey, giveBox } from './fixtures.ts';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function add(html: string, visible = true): HTMLElement {
  const wrap = document.createElement('div');
  wrap.innerHTML = html;
  const el = wrap.firstElementChild as HTMLElement;
  document.body.append(el);
  if (visible) giveBox(el);
  return el;
}

describe('resolveTarget', () => {
  it('takes the first visible match', () => {
    add('<button class="b">hidden by no box</button>', false);
    const hidden = add('<button class="b" style="display:none">none</button>');
    const invisible = add('<button class="b" style="visibility:hidden">hidden</button>');
    const shown = add('<button class="b">shown</button>');
    expect([hidden, invisible].includes(resolveTarget(document, '.b') as HTMLElement)).toBe(false);
    expect(resolveTarget(document, '.b')).toBe(shown);
  });

  it('narrows by visible text, ignoring case and spacing', () => {
    add('<button class="b">Save draft</button>');
    const send = add('<button class="b">  Send\n   INVOICE </button>');
    expect(resolveTarget(document, { selector: '.b', text: 'send invoice' })).toBe(send);
    expect(resolveTarget(document, { selector: '.b', text: 'delete' })).toBeNull();
  });

  it('still finds an element whose text changed (another language) when a selector matches only it', () => {
    add('<button class="b">Save draft</button>');
    add('<button class="b">Send invoice</button>');
    const pay = add('<button data-testid="pay" class="b">お支払い</button>');
    // The text narrows `.b` to nothing; `[data-testid="pay"]` matches one visible element: that one.
    expect(resolveTarget(document, { selector: '.b', text: 'Pay now', fallbacks: ['[data-testid="pay"]'] })).toBe(pay);
    // A text match anywhere in the list still wins over a unique but textless one.
    const payNow = add('<button class="b">Pay now</button>');
    expect(resolveTarget(document, { selector: '[data-testid="pay"]', text: 'Pay now', fallbacks: ['.b'] })).toBe(payNow);
  });

  it('tries fallbacks in order, skipping invalid selectors without throwing', () => {
    const fallback = add('<a data-test="new">New</a>');
    expect(resolveTarget(document, { selector: '#gone', fallbacks: ['[[invalid', '[data-test="new"]'] })).toBe(fallback);
    expect(() => resolveTarget(document, '::::')).not.toThrow();
    expect(resolveTarget(document, '::::')).toBeNull();
  });
});

describe('waitForTarget', () => {
  beforeEach(() => vi.useFakeTimers());

  it('answers at once when the target is there', () => {
    const el = add('<div id="t"></div>');
    const done = vi.fn();
    waitForTarget(document, '#t', done);
    expect(done).toHaveBeenCalledWith(el);
  });

  it('waits for a target added later', async () => {
    const done = vi.fn();
    waitForTarget(document, '#late', done);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(done).not.toHaveBeenCalled();
    const el = giveBox(document.createElement('div'));
    el.id = 'late';
    document.body.append(el);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toHaveBeenCalledExactlyOnceWith(el);
    await vi.advanceTimersByTimeAsync(TARGET_WAIT_MS);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('gives up with null after the timeout, and not before', async () => {
    const done = vi.fn();
    waitForTarget(document, '#never', done);
    await vi.advanceTimersByTimeAsync(TARGET_WAIT_MS - 1);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalledExactlyOnceWith(null);
  });

  it('can be cancelled', async () => {
    const done = vi.fn();
    waitForTarget(document, '#never', done)();
    add('<div id="never"></div>');
    await vi.advanceTimersByTimeAsync(TARGET_WAIT_MS * 2);
    expect(done).not.toHaveBeenCalled();
  });
});

describe('watchNavigation', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('reports pushState, replaceState, popstate and hashchange when the URL changed', () => {
    const seen: string[] = [];
    const stop = watchNavigation(window, (href) => seen.push(new URL(href).pathname + new URL(href).hash));
    history.pushState(null, '', '/invoices');
    history.replaceState(null, '', '/invoices/42');
    history.replaceState({ scroll: 1 }, '', '/invoices/42');
    history.pushState(null, '', '/reports');
    history.back();
    window.dispatchEvent(new PopStateEvent('popstate'));
    location.hash = '#tab2';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    stop();
    history.pushState(null, '', '/after-stop');
    expect(seen.slice(0, 3)).toEqual(['/invoices', '/invoices/42', '/reports']);
    expect(seen.at(-1)).toMatch(/#tab2$/);
    expect(seen).not.toContain('/after-stop');
  });

  it('wraps pushState once, calls through, and never throws its own errors', () => {
    const stopA = watchNavigation(window, () => {
      throw new Error('listener bug');
    });
    const wrapped = history.pushState;
    const stopB = watchNavigation(window, () => {});
    expect(history.pushState).toBe(wrapped);
    expect(() => history.pushState({ a: 1 }, '', '/x')).not.toThrow();
    expect(location.pathname).toBe('/x');
    expect(history.state).toEqual({ a: 1 });
    // The browser's own errors still reach the caller, as without us.
    expect(() => history.pushState(null, '', 'https://other.example/')).toThrow();
    stopA();
    stopB();
  });
});

describe('which candidate is due', () => {
  const ctx = (over: Partial<DueContext> = {}): DueContext => ({
    userId: 'u1',
    attributes: { plan: 'pro' },
    location: { pathname: '/invoices/42', search: '' },
    now: Date.now(),
    surveyHistory: () => ({}),
    guideHistory: () => ({}),
    ...over,
  });
  const guide = (over = {}): Candidate => ({ kind: 'guide', item: clientGuide(over) });
  const survey = (over = {}): Candidate => ({ kind: 'survey', item: clientSurvey(over) });

  it('matches a guide on its URL, its event and its audience', () => {
    expect(isDue(guide(), ctx())).toBe(true);
    expect(isDue(guide({ trigger: { url: '/invoices*', delaySeconds: 0 } }), ctx())).toBe(true);
    expect(isDue(guide({ trigger: { url: '/reports*', delaySeconds: 0 } }), ctx())).toBe(false);
    const onEvent = guide({ trigger: { event: 'invoice_sent', delaySeconds: 0 } });
    expect(isDue(onEvent, ctx())).toBe(false);
    expect(isDue(onEvent, ctx({ event: 'other' }))).toBe(false);
    expect(isDue(onEvent, ctx({ event: 'invoice_sent' }))).toBe(true);
    expect(isDue(guide(), ctx({ event: 'invoice_sent' }))).toBe(false);
    const forFree = guide({ audience: { all: [{ attribute: 'plan', op: 'eq', value: 'free' }] } });
    expect(isDue(forFree, ctx())).toBe(false);
    expect(isDue(forFree, ctx({ attributes: { plan: 'free' } }))).toBe(true);
  });

  it('never brings back a finished once guide; an always guide comes back', () => {
    expect(isDue(guide(), ctx({ guideHistory: () => ({ completedAt: 1 }) }))).toBe(false);
    expect(isDue(guide(), ctx({ guideHistory: () => ({ dismissedAt: 1 }) }))).toBe(false);
    expect(isDue(guide({ frequency: 'always' }), ctx({ guideHistory: () => ({ completedAt: 1 }) }))).toBe(true);
  });

  it('checks a survey’s eligibility and audience, on page views only', () => {
    expect(isDue(survey(), ctx())).toBe(true);
    expect(isDue(survey(), ctx({ event: 'x' }))).toBe(false);
    expect(isDue(survey(), ctx({ surveyHistory: () => ({ answeredAt: Date.now() }) }))).toBe(false);
    expect(isDue(survey({ audience: { any: [{ attribute: 'plan', op: 'in', value: ['free'] }] } }), ctx())).toBe(false);
  });

  it('picks the highest priority; on a tie the guide', () => {
    expect(pickNext([survey({ priority: 5 }), guide({ priority: 1 })])?.kind).toBe('survey');
    expect(pickNext([survey({ priority: 1 }), guide({ priority: 1 })])?.kind).toBe('guide');
    expect(pickNext([guide({ id: 'a' }), guide({ id: 'b' })])?.item.id).toBe('a');
    expect(pickNext([])).toBeUndefined();
  });

  it('knows whether a delayed candidate still targets the page', () => {
    expect(stillTargets(guide({ trigger: { url: '/invoices*', delaySeconds: 3 } }), { pathname: '/reports', search: '' })).toBe(false);
    expect(stillTargets(survey(), { pathname: '/reports', search: '' })).toBe(true);
  });

  it('resumes at the furthest known step, from the start when past the end', () => {
    expect(startStep(clientGuide(), {})).toBe(0);
    expect(startStep(clientGuide({ progress: { stepIndex: 1 } }), {})).toBe(1);
    expect(startStep(clientGuide({ progress: { stepIndex: 1 } }), { stepIndex: 2 })).toBe(2);
    expect(startStep(clientGuide({ progress: { stepIndex: 3 } }), {})).toBe(0);
  });
});

describe('stored guide state', () => {
  beforeEach(() => localStorage.clear());

  it('records progress and endings per user, ignoring corrupt values', () => {
    const store = createStore(() => localStorage);
    const h = openGuideHistory(store, 'pk_test', 'u1');
    h.record('gd_tour', { stepIndex: 2 });
    h.record('gd_tour', { completedAt: 5, stepIndex: undefined });
    expect(openGuideHistory(store, 'pk_test', 'u1').get('gd_tour')).toEqual({ completedAt: 5 });
    expect(openGuideHistory(store, 'pk_test', 'u2').get('gd_tour')).toEqual({});
    localStorage.setItem('kizuna:v1:guides:pk_test:u1', '{"gd_tour":{"completedAt":"yes","stepIndex":-1},"x":3}');
    expect(openGuideHistory(store, 'pk_test', 'u1').get('gd_tour')).toEqual({});
  });

  it('keeps queued guide and track events across reloads', () => {
    const store = createStore(() => localStorage);
    const events = [
      { id: 'evt_aaaaaaaaaaaaaaaa', type: 'guide_shown', guideId: 'gd_tour', userId: 'u1' },
      { id: 'evt_bbbbbbbbbbbbbbbb', type: 'guide_step_shown', guideId: 'gd_tour', stepIndex: 0, userId: 'u1' },
      { id: 'evt_cccccccccccccccc', type: 'track', name: 'invoice_sent', props: { n: 1 }, userId: 'u1' },
    ] as const;
    openOutbox(store, 'pk_test').update(() => events.map((body, i) => ({ key: `k${i}`, kind: 'event', body })));
    expect(openOutbox(store, 'pk_test').read()).toHaveLength(3);
    localStorage.setItem(
      'kizuna:v1:outbox:pk_test',
      JSON.stringify([{ key: 'k', kind: 'event', body: { id: 'evt_dddddddddddddddd', type: 'guide_step_shown', guideId: 'g', userId: 'u1' } }]),
    );
    expect(openOutbox(store, 'pk_test').read()).toEqual([]);
  });
});
