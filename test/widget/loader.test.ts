// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../widget/boot.ts';
import { COMMANDS, createKizuna, installKizuna, type CommandHandlers } from '../../widget/commands.ts';
import { HOST_TAG } from '../../widget/ui/shadow-host.ts';
import { mountGuide } from '../../widget/ui/guide.tsx';
import { mountSurvey } from '../../widget/ui/survey.tsx';
import { clientSurvey, fakeNetwork } from './fixtures.ts';

type Win = Window & { kizuna?: any };
const win = window as Win;

/** Runs the snippet's first line as customers paste it: its bare `kizuna` resolves through window, as in a page. */
function pasteSnippetStub() {
  new Function("window.kizuna=window.kizuna||function(){(kizuna.q=kizuna.q||[]).push(arguments)};")();
}

function addScriptTag(attributes: Record<string, string> = {}) {
  const script = document.createElement('script');
  script.src = 'https://kizuna.example/widget.js';
  script.dataset.project = 'pk_test';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  return script;
}

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

let network: ReturnType<typeof fakeNetwork>;
let imported: string[];

function bootWidget(script: Element | null = addScriptTag()) {
  boot({
    win,
    currentScript: script,
    fetch: network.fetch,
    importUi: async (url) => {
      imported.push(url);
      return url.endsWith('/guide.js') ? { mountGuide } : { mountSurvey };
    },
  });
}

const cards = () => document.querySelectorAll(HOST_TAG).length;
/** What the widget asked the server (not what it sent): `POST /state u1`, `GET /surveys/x`. */
const gets = () =>
  network.sent
    .filter((s) => !/\/(events|responses)$/.test(s.url))
    .map((s) => {
      const path = s.url.replace('https://kizuna.example/api/v1/client/pk_test', '');
      return s.init.method === 'POST' ? `POST ${path} ${s.body.userId}` : `GET ${path}`;
    });

beforeEach(() => {
  localStorage.clear();
  imported = [];
  network = fakeNetwork((url) => {
    if (url.includes('/state')) return json({ surveys: [clientSurvey({ delaySeconds: 5 })] });
    if (url.includes('/surveys/')) return json(clientSurvey({ id: 'srv_onboarding', question: { en: 'Onboarding?' } }));
    // As the server does for an id that is no guide of the project.
    if (url.includes('/guides/')) return 404;
    return 200;
  });
});
afterEach(() => {
  win.kizuna?.('reset');
  delete win.kizuna;
  document.head.innerHTML = '';
  vi.useRealTimers();
});

describe('the public API', () => {
  it('is exactly these commands', () => {
    expect(COMMANDS).toEqual(['identify', 'reset', 'show', 'track']);
  });

  it('adds nothing to window but kizuna, a plain function with no properties of its own', () => {
    const before = Object.keys(window);
    pasteSnippetStub();
    bootWidget();
    expect(Object.keys(window).filter((key) => !before.includes(key))).toEqual(['kizuna']);
    expect(typeof win.kizuna).toBe('function');
    expect(Object.keys(win.kizuna)).toEqual([]);
  });

  it('runs the listed commands and ignores anything else without throwing or logging', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    bootWidget();
    for (const junk of [['track'], ['track', 'bad name!'], ['track', 'ok'], ['toString'], ['constructor'], ['__proto__'], [42], [], ['identify'], ['identify', ''], ['show', 7]]) {
      expect(() => win.kizuna(...junk)).not.toThrow();
    }
    await vi.waitFor(() => expect(network.sent).toEqual([]));
    win.kizuna('identify', 'u1', { plan: 'pro' });
    win.kizuna('show', 'srv_onboarding');
    await vi.waitFor(() => expect(gets()).toEqual(['POST /state u1', 'GET /guides/srv_onboarding?userId=u1', 'GET /surveys/srv_onboarding']));
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('logs to console.debug only, and only with data-debug', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn');
    bootWidget(addScriptTag({ 'data-debug': '' }));
    win.kizuna('nope', 'x');
    expect(debug).toHaveBeenCalledWith('[kizuna] unknown command', 'nope');
    expect(warn).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('loading', () => {
  it('runs calls queued before it loaded, in order, then empties the stub queue', async () => {
    pasteSnippetStub();
    const stub = win.kizuna;
    win.kizuna('identify', 'u1', { locale: 'ja' });
    win.kizuna('show', 'srv_onboarding');
    bootWidget();
    expect(win.kizuna).not.toBe(stub);
    expect(stub.q).toEqual([]);
    await vi.waitFor(() => expect(gets()).toEqual(['POST /state u1', 'GET /guides/srv_onboarding?userId=u1', 'GET /surveys/srv_onboarding']));
  });

  it('replays from a snapshot, so calls made while replaying are not replayed again', () => {
    const calls: string[] = [];
    const stub = Object.assign((...args: unknown[]) => stub.q.push(args), { q: [] as unknown[][] });
    win.kizuna = stub;
    stub('identify', 'u1');
    stub('reset');
    const handlers: CommandHandlers = {
      identify: (id) => {
        calls.push(`identify ${String(id)}`);
        // A host that kept a reference to the stub calls it again mid-replay.
        stub('identify', 'again');
      },
      reset: () => calls.push('reset'),
      show: () => calls.push('show'),
      track: () => calls.push('track'),
    };
    installKizuna(win, createKizuna(handlers, () => {}));
    expect(calls).toEqual(['identify u1', 'reset']);
  });

  it('finds its script tag by selector when currentScript is unavailable', async () => {
    addScriptTag();
    bootWidget(null);
    win.kizuna('identify', 'u1');
    await vi.waitFor(() => expect(gets()).toEqual(['POST /state u1']));
  });

  it('does nothing without data-project, and a second copy leaves the first in place', () => {
    const script = addScriptTag();
    script.removeAttribute('data-project');
    bootWidget(script);
    expect(win.kizuna).toBeUndefined();

    bootWidget();
    const first = win.kizuna;
    bootWidget();
    expect(win.kizuna).toBe(first);
  });

  it('never throws into the page, even when the environment is broken', () => {
    expect(() => boot({ win: {} as Win, currentScript: null, fetch: network.fetch, importUi: async () => ({ mountSurvey }) })).not.toThrow();
  });
});

describe('showing surveys', () => {
  beforeEach(() => vi.useFakeTimers());

  it('shows the first due survey after its delay, loading the UI from beside widget.js', async () => {
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(4_900);
    expect(cards()).toBe(0);
    expect(imported).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(imported).toEqual(['https://kizuna.example/widget/ui/survey.js']);
    expect(cards()).toBe(1);
  });

  it('reset cancels a pending survey', async () => {
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(3_000);
    win.kizuna('reset');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cards()).toBe(0);
    expect(imported).toEqual([]);
  });

  it('reset removes a shown card without counting it as dismissed', async () => {
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(cards()).toBe(1);
    win.kizuna('reset');
    expect(cards()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    const events = network.posts().flatMap((p) => p.body.events ?? []);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['survey_shown']);
  });

  it('identifying another user cancels the first one’s survey; the same user again changes nothing', async () => {
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(3_000);
    win.kizuna('identify', 'u2');
    await vi.advanceTimersByTimeAsync(3_000);
    win.kizuna('identify', 'u2', { plan: 'pro' });
    expect(cards()).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(cards()).toBe(1);
    expect(gets()).toEqual(['POST /state u1', 'POST /state u2']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cards()).toBe(1);
  });

  it('drops a state answer that arrives after the user logged out', async () => {
    let answer!: (res: Response) => void;
    network = fakeNetwork((url) => (url.includes('/state') ? new Promise<Response>((r) => (answer = r)) : 200));
    bootWidget();
    win.kizuna('identify', 'u1');
    win.kizuna('reset');
    answer(json({ surveys: [clientSurvey()] }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cards()).toBe(0);
  });

  it('does not ask again what was answered on this device, even before the server knows', async () => {
    localStorage.setItem('kizuna:v1:history:pk_test:u1', JSON.stringify({ srv_relationship: { answeredAt: Date.now() - 1_000 } }));
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cards()).toBe(0);
    win.kizuna('identify', 'u2');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(cards()).toBe(1);
  });

  it('does not show a survey answered in another tab while its delay ran', async () => {
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(2_000);
    localStorage.setItem('kizuna:v1:history:pk_test:u1', JSON.stringify({ srv_relationship: { answeredAt: Date.now() } }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cards()).toBe(0);
  });

  it('show() displays a survey at once for the identified user, and is ignored before identify', async () => {
    bootWidget();
    win.kizuna('show', 'srv_onboarding');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(gets()).toEqual([]);
    win.kizuna('identify', 'u1');
    win.kizuna('show', 'srv_onboarding');
    await vi.advanceTimersByTimeAsync(0);
    const card = document.querySelector(HOST_TAG)?.shadowRoot;
    expect(card?.textContent).toContain('Onboarding?');
    // The scheduled survey gives way to the one asked for.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cards()).toBe(1);
    expect(document.querySelector(HOST_TAG)?.shadowRoot?.textContent).toContain('Onboarding?');
  });

  it('speaks the language from identify, else the browser’s', async () => {
    bootWidget();
    win.kizuna('identify', 'u1', { locale: 'ja-JP' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(document.querySelector(HOST_TAG)?.shadowRoot?.textContent).toContain('全く思わない');
    win.kizuna('reset');

    const language = vi.spyOn(navigator, 'language', 'get').mockReturnValue('ja');
    delete win.kizuna;
    bootWidget();
    win.kizuna('identify', 'u2');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(document.querySelector(HOST_TAG)?.shadowRoot?.textContent).toContain('全く思わない');
    language.mockRestore();
  });
});
