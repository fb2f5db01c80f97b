// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Guide } from '../../shared/schemas/guide.ts';
import { authoringSessionKey, takeAuthoringToken } from '../../widget/authoring-link.ts';
import { startAuthoring } from '../../widget/authoring/authoring.tsx';
import { AuthoringError } from '../../widget/authoring/api.ts';
import { createEditor, draftOf, toGuideStep, type DraftSnapshot } from '../../widget/authoring/draft.ts';
import { authoringMessages } from '../../widget/authoring/messages.ts';
import { startPicking } from '../../widget/authoring/picker.ts';
import { describeProblem } from '../../widget/authoring/problems.ts';
import { openTabStore } from '../../widget/authoring/tab-store.ts';
import { Toolbar, type ToolbarItem } from '../../widget/authoring/toolbar.tsx';
import { boot } from '../../widget/boot.ts';
import { createStore } from '../../widget/storage.ts';
import { AUTHORING_HOST_TAG, HOST_TAG } from '../../widget/ui/shadow-host.ts';
import { mountSurvey } from '../../widget/ui/survey.tsx';
import { clientSurvey, fakeNetwork, giveBox, guideStep } from './fixtures.ts';

type Win = Window & { kizuna?: any };
const win = window as Win;
const en = authoringMessages.en;
const ja = authoringMessages.ja;

/** A guide as the authoring API answers it. */
function storedGuide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: 'gd_exports',
    projectId: 'prj_1',
    name: 'Exports',
    steps: [guideStep({ title: 'Welcome', body: 'A quick tour.' })],
    trigger: { delaySeconds: 0 },
    audience: null,
    frequency: 'once',
    priority: 0,
    active: true,
    archivedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: 'v1',
    ...overrides,
  };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** An API error as the server writes it: `{ error: { code, message, issues? } }`. */
function refusal(status: number, code: string, issues?: Array<{ path: string; message: string }>) {
  const message = issues ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : `refused: ${code}`;
  return json({ error: { code, message, ...(issues ? { issues } : {}) } }, status);
}

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('takeAuthoringToken', () => {
  it.each([
    ['#kizuna-authoring=tok_A-1', ''],
    ['#/invoices&kizuna-authoring=tok_A-1', '#/invoices'],
    ['#kizuna-authoring=tok_A-1&x=1', '#x=1'],
  ])('takes the token out of %s, leaving "%s" and the rest of the address', (hash, rest) => {
    history.replaceState({ route: 'invoices' }, '', `/app/invoices?tab=open${hash}`);
    expect(takeAuthoringToken(window)).toBe('tok_A-1');
    expect(location.href).toBe(`${location.origin}/app/invoices?tab=open${rest}`);
    // A router's state rides along: the app's history entry is the same one, minus the token.
    expect(history.state).toEqual({ route: 'invoices' });
  });

  it('answers null and leaves history alone without a token', () => {
    history.replaceState(null, '', '/app?kizuna-authoring=in-the-query#/route&other=1');
    const replace = vi.spyOn(history, 'replaceState');
    expect(takeAuthoringToken(window)).toBeNull();
    expect(replace).not.toHaveBeenCalled();
    expect(location.hash).toBe('#/route&other=1');
  });
});

describe('boot in an authoring tab', () => {
  let network: ReturnType<typeof fakeNetwork>;
  let imported: string[];
  const startAuthoringSpy = vi.fn();

  function bootWidget() {
    const script = document.createElement('script');
    script.src = 'https://kizuna.example/widget.js';
    script.dataset.project = 'pk_test';
    document.head.append(script);
    boot({
      win,
      currentScript: script,
      fetch: network.fetch,
      importUi: async (url) => {
        imported.push(url);
        return url.endsWith('/authoring.js') ? { startAuthoring: startAuthoringSpy } : { mountSurvey };
      },
    });
  }

  beforeEach(() => {
    imported = [];
    startAuthoringSpy.mockReset();
    localStorage.clear();
    network = fakeNetwork((url) => (url.includes('/state') ? json({ surveys: [clientSurvey()] }) : 200));
  });
  afterEach(() => {
    win.kizuna?.('reset');
    delete win.kizuna;
    document.head.innerHTML = '';
  });

  it('with a token in the fragment, loads the authoring UI and hands it the token, already gone from the address', async () => {
    history.replaceState(null, '', '/app#kizuna-authoring=tok_1');
    bootWidget();
    expect(location.hash).toBe('');
    await vi.waitFor(() => expect(startAuthoringSpy).toHaveBeenCalledOnce());
    expect(imported).toEqual(['https://kizuna.example/widget/ui/authoring.js']);
    expect(startAuthoringSpy.mock.lastCall?.[0]).toMatchObject({ base: 'https://kizuna.example/', projectKey: 'pk_test', token: 'tok_1', fetch: network.fetch });
  });

  it('with a session this tab kept, loads it with no token', async () => {
    sessionStorage.setItem(authoringSessionKey('pk_test'), JSON.stringify({ session: 's', expiresAt: '', guideId: 'gd_exports' }));
    bootWidget();
    await vi.waitFor(() => expect(startAuthoringSpy).toHaveBeenCalledOnce());
    expect(startAuthoringSpy.mock.lastCall?.[0]).toMatchObject({ projectKey: 'pk_test', token: null });
  });

  it('never loads it otherwise, not even for another project’s session', async () => {
    sessionStorage.setItem(authoringSessionKey('pk_other'), JSON.stringify({ session: 's', expiresAt: '', guideId: 'gd_exports' }));
    history.replaceState(null, '', '/app#/route');
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.waitFor(() => expect(imported).toEqual(['https://kizuna.example/widget/ui/survey.js']));
    expect(startAuthoringSpy).not.toHaveBeenCalled();
    expect(location.hash).toBe('#/route');
  });

  it('keeps a due survey from starting on its own while the author works', async () => {
    vi.useFakeTimers();
    sessionStorage.setItem(authoringSessionKey('pk_test'), JSON.stringify({ session: 's', expiresAt: '', guideId: 'gd_exports' }));
    bootWidget();
    win.kizuna('identify', 'u1');
    await vi.advanceTimersByTimeAsync(60_000);
    // The state came (the survey was due), and still nothing showed.
    expect(network.posts().map((p) => p.url)).toContain('https://kizuna.example/api/v1/client/pk_test/state');
    expect(imported).toEqual(['https://kizuna.example/widget/ui/authoring.js']);
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });
});

describe('Toolbar', () => {
  let clicked: string[];
  const items = (over: Partial<Record<string, Partial<ToolbarItem>>> = {}): ToolbarItem[] =>
    ['add', 'pick', 'preview', 'save', 'exit'].map((id) => ({ id, label: id, onClick: () => clicked.push(id), ...over[id] }));
  const buttons = () => screen.getAllByRole('button');
  const tabStops = () => buttons().filter((b) => b.tabIndex === 0);

  beforeEach(() => {
    clicked = [];
  });
  afterEach(cleanup);

  it('is one Tab stop, which follows the arrow keys (wrapping), Home and End', () => {
    render(<Toolbar label="Guide editing" items={items()} />);
    expect(screen.getByRole('toolbar', { name: 'Guide editing' })).toBeTruthy();
    expect(tabStops().map((b) => b.textContent)).toEqual(['add']);
    const press = (key: string) => fireEvent.keyDown(document.activeElement as Element, { key });
    buttons()[0]?.focus();
    const steps: Array<[string, string]> = [
      ['ArrowLeft', 'exit'],
      ['ArrowRight', 'add'],
      ['ArrowRight', 'pick'],
      ['End', 'exit'],
      ['ArrowRight', 'add'],
      ['End', 'exit'],
      ['Home', 'add'],
    ];
    for (const [key, focused] of steps) {
      press(key);
      expect(document.activeElement?.textContent, key).toBe(focused);
      expect(tabStops().map((b) => b.textContent)).toEqual([focused]);
    }
  });

  it('takes the Tab stop where focus goes by other means, and leaves other keys alone', () => {
    render(<Toolbar label="Guide editing" items={items()} />);
    // A click or a screen reader's virtual cursor moves focus without the arrow keys.
    act(() => buttons()[3]?.focus());
    expect(tabStops().map((b) => b.textContent)).toEqual(['save']);
    const event = new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true });
    buttons()[3]?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(document.activeElement?.textContent).toBe('save');
  });

  it('says whether a toggle is on, and nothing on plain buttons', () => {
    render(<Toolbar label="Guide editing" items={items({ pick: { pressed: true }, preview: { pressed: false } })} />);
    expect(buttons().map((b) => b.getAttribute('aria-pressed'))).toEqual([null, 'true', 'false', null, null]);
  });

  it('keeps a busy item focusable and announced, but deaf to clicks', () => {
    render(<Toolbar label="Guide editing" items={items({ save: { busy: true } })} />);
    const save = screen.getByRole('button', { name: 'save' });
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect((save as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(save);
    fireEvent.click(screen.getByRole('button', { name: 'exit' }));
    expect(clicked).toEqual(['exit']);
  });
});

describe('startPicking', () => {
  let app: { button: HTMLButtonElement; link: HTMLAnchorElement };
  let ours: HTMLElement;
  let on: { hover: Mock<(el: Element | null) => void>; pick: Mock<(el: Element) => void>; cancel: Mock<() => void> };
  let appHeard: string[];
  const appListener = (e: Event) => appHeard.push(`${e.type} ${(e as KeyboardEvent).key ?? ''}`.trim());
  const APP_EVENTS = ['click', 'mousedown', 'pointerdown', 'mouseup', 'pointerup', 'keydown'];
  let stop: () => void;

  beforeEach(() => {
    const button = document.createElement('button');
    button.textContent = 'Export CSV';
    const link = document.createElement('a');
    link.href = '#/settings';
    link.textContent = 'Settings';
    // Our dock: its events reach the window retargeted to the host element.
    ours = document.createElement(AUTHORING_HOST_TAG);
    ours.append(document.createElement('button'));
    document.body.append(button, link, ours);
    app = { button, link };
    on = { hover: vi.fn(), pick: vi.fn(), cancel: vi.fn() };
    appHeard = [];
    for (const type of APP_EVENTS) document.addEventListener(type, appListener);
    stop = startPicking(window, (el) => el.closest(AUTHORING_HOST_TAG) !== null, on);
  });
  afterEach(() => {
    stop();
    for (const type of APP_EVENTS) document.removeEventListener(type, appListener);
    document.body.innerHTML = '';
  });

  it('reports the app element under the pointer, and none over the page itself or our UI', () => {
    fireEvent.pointerMove(app.button);
    fireEvent.pointerMove(document.body);
    fireEvent.pointerMove(ours);
    expect(on.hover.mock.calls).toEqual([[app.button], [null], [null]]);
  });

  it('reports an app element reached by Tab', () => {
    app.link.focus();
    expect(on.hover).toHaveBeenCalledWith(app.link);
  });

  it('picks the clicked app element, and the app never sees the press', () => {
    fireEvent.pointerDown(app.button);
    fireEvent.mouseDown(app.button);
    fireEvent.pointerUp(app.button);
    fireEvent.mouseUp(app.button);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    app.link.dispatchEvent(click);
    expect(on.pick.mock.calls).toEqual([[app.link]]);
    expect(appHeard).toEqual([]);
    // Nor does the browser: the link is not followed.
    expect(click.defaultPrevented).toBe(true);
  });

  it('picks the focused app element on Enter, which the app does not see', () => {
    app.button.focus();
    fireEvent.keyDown(app.button, { key: 'Enter' });
    expect(on.pick.mock.calls).toEqual([[app.button]]);
    expect(appHeard).toEqual([]);
    // Other keys are the app's business.
    fireEvent.keyDown(app.button, { key: 'a' });
    expect(appHeard).toEqual(['keydown a']);
  });

  it('cancels on Esc, which the app does not see', () => {
    fireEvent.keyDown(app.button, { key: 'Escape' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(on.cancel).toHaveBeenCalledTimes(2);
    expect(on.pick).not.toHaveBeenCalled();
    expect(appHeard).toEqual([]);
  });

  it('leaves the events of our own UI alone', () => {
    const ourButton = ours.querySelector('button') as HTMLButtonElement;
    fireEvent.mouseDown(ourButton);
    fireEvent.click(ourButton);
    fireEvent.keyDown(ourButton, { key: 'Enter' });
    expect(on.pick).not.toHaveBeenCalled();
    expect(appHeard).toEqual(['mousedown', 'click', 'keydown Enter']);
  });

  it('ends with every listener it added removed', () => {
    stop();
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    stop = startPicking(window, () => false, on);
    stop();
    expect(added.mock.calls.length).toBeGreaterThan(10);
    expect(removed.mock.calls).toEqual(added.mock.calls);

    fireEvent.pointerMove(app.button);
    fireEvent.click(app.button);
    fireEvent.keyDown(app.button, { key: 'Escape' });
    expect(on.hover).not.toHaveBeenCalled();
    expect(on.pick).not.toHaveBeenCalled();
    expect(on.cancel).not.toHaveBeenCalled();
    expect(appHeard).toEqual(['click', 'keydown Escape']);
  });
});

describe('drafts', () => {
  it('splits a single-string text into both languages and keeps the guide version', () => {
    const draft = draftOf(storedGuide({ steps: [guideStep({ target: '#new', title: 'Welcome', body: { en: 'Hi', ja: 'やあ' } })] }));
    expect(draft).toMatchObject({ guideId: 'gd_exports', baseUpdatedAt: 'v1', dirty: false });
    expect(draft.steps).toEqual([
      expect.objectContaining({ target: '#new', stable: true, title: { ja: 'Welcome', en: 'Welcome' }, body: { en: 'Hi', ja: 'やあ' } }),
    ]);
    expect(draft.steps[0]?.uid).toEqual(expect.any(String));
  });

  it('hands the API no blank language and no absent target', () => {
    const [step] = draftOf(storedGuide()).steps;
    if (!step) throw new Error('no step');
    const sent = toGuideStep({ ...step, title: { ja: '  ', en: 'Hello' }, body: { ja: 'どうぞ', en: '' } });
    expect(sent).toEqual({ title: { en: 'Hello' }, body: { ja: 'どうぞ' }, placement: 'auto', advance: 'next', spotlight: false });
    expect('target' in sent).toBe(false);
    expect(toGuideStep({ ...step, target: { selector: '.x', text: 'X' } }).target).toEqual({ selector: '.x', text: 'X' });
  });

  describe('the editor', () => {
    let kept: DraftSnapshot[];
    const lastKept = () => kept.at(-1);
    const titles = (editor: ReturnType<typeof createEditor>) => editor.steps.value.map((s) => s.title.en);

    function open(names = ['One', 'Two', 'Three']) {
      kept = [];
      return createEditor(draftOf(storedGuide({ steps: names.map((title) => guideStep({ title })) })), (s) => kept.push(s));
    }

    it('starts on the first step, clean, and keeps that', () => {
      const editor = open();
      expect(editor.current.value?.title.en).toBe('One');
      expect(editor.dirty.value).toBe(false);
      expect(kept).toHaveLength(1);
      expect(lastKept()).toMatchObject({ guideId: 'gd_exports', baseUpdatedAt: 'v1', dirty: false });
    });

    it('adds a blank step, selected, at the end', () => {
      const editor = open();
      const step = editor.add();
      expect(titles(editor)).toEqual(['One', 'Two', 'Three', '']);
      expect(editor.current.value).toBe(step);
      expect(editor.dirty.value).toBe(true);
      expect(lastKept()?.steps.map((s) => s.uid)).toEqual(editor.steps.value.map((s) => s.uid));
      expect(lastKept()?.dirty).toBe(true);
    });

    it('updates one step and leaves the others as they were', () => {
      const editor = open();
      const [one, two] = editor.steps.value;
      editor.update(two!.uid, { title: { ja: '二', en: 'Two!' }, spotlight: true });
      expect(editor.steps.value[0]).toBe(one);
      expect(editor.steps.value[1]).toMatchObject({ uid: two!.uid, title: { ja: '二', en: 'Two!' }, spotlight: true, body: two!.body });
      expect(lastKept()?.steps[1]?.title.en).toBe('Two!');
      expect(lastKept()?.dirty).toBe(true);
    });

    it('moves a step up and down, not past either end', () => {
      const editor = open();
      const [one, , three] = editor.steps.value;
      editor.move(three!.uid, -1);
      expect(titles(editor)).toEqual(['One', 'Three', 'Two']);
      editor.move(one!.uid, 1);
      expect(titles(editor)).toEqual(['Three', 'One', 'Two']);
      expect(lastKept()?.steps.map((s) => s.title.en)).toEqual(['Three', 'One', 'Two']);
      const before = kept.length;
      editor.move(three!.uid, -1);
      editor.move(editor.steps.value[2]!.uid, 1);
      expect(titles(editor)).toEqual(['Three', 'One', 'Two']);
      expect(kept).toHaveLength(before);
    });

    it('moves the selection to a neighbour when the selected step goes', () => {
      const editor = open();
      const [one, two, three] = editor.steps.value;
      editor.selected.value = two!.uid;
      editor.remove(two!.uid);
      expect(editor.current.value?.uid).toBe(three!.uid);
      editor.remove(three!.uid);
      expect(editor.current.value?.uid).toBe(one!.uid);
      expect(lastKept()?.steps.map((s) => s.title.en)).toEqual(['One']);
      editor.remove(one!.uid);
      expect(editor.selected.value).toBeNull();
      expect(editor.current.value).toBeUndefined();
    });

    it('keeps the selection when another step goes', () => {
      const editor = open();
      const [one, two] = editor.steps.value;
      editor.selected.value = two!.uid;
      editor.remove(one!.uid);
      expect(editor.current.value?.uid).toBe(two!.uid);
      expect(titles(editor)).toEqual(['Two', 'Three']);
    });

    it('is clean again once saved, on the version the server answered', () => {
      const editor = open();
      editor.update(editor.steps.value[0]!.uid, { spotlight: true });
      expect(editor.dirty.value).toBe(true);
      editor.saved(storedGuide({ updatedAt: 'v2' }));
      expect(editor.dirty.value).toBe(false);
      expect(editor.baseUpdatedAt.value).toBe('v2');
      expect(lastKept()).toMatchObject({ baseUpdatedAt: 'v2', dirty: false });
      expect(lastKept()?.steps[0]?.spotlight).toBe(true);
    });

    it('stays unsaved when edited after the steps the server got', () => {
      const editor = open();
      editor.update(editor.steps.value[0]!.uid, { spotlight: true });
      const sent = editor.steps.value;
      editor.update(editor.steps.value[0]!.uid, { placement: 'top' });
      editor.saved(storedGuide({ updatedAt: 'v2' }), sent);
      expect(editor.dirty.value).toBe(true);
      expect(lastKept()).toMatchObject({ baseUpdatedAt: 'v2', dirty: true });
    });
  });
});

describe('the tab store', () => {
  const session = { session: 'sess_1', expiresAt: '2030-01-01T00:00:00.000Z', guideId: 'gd_exports' };
  const tab = () => openTabStore(createStore(() => sessionStorage), 'pk_test');

  it('keeps the session and a draft in sessionStorage, across stores', () => {
    const draft = draftOf(storedGuide());
    tab().keepSession(session);
    tab().keepDraft({ ...draft, dirty: true });
    expect(sessionStorage.getItem(authoringSessionKey('pk_test'))).not.toBeNull();
    expect(tab().session()).toEqual(session);
    expect(tab().draft('gd_exports')).toEqual({ ...draft, dirty: true });
    expect(tab().draft('gd_other')).toBeNull();
    expect(openTabStore(createStore(() => sessionStorage), 'pk_other').session()).toBeNull();
  });

  it('reads corrupt or foreign values as nothing', () => {
    // Cut short, as a full or tampered store may leave it.
    sessionStorage.setItem(authoringSessionKey('pk_test'), JSON.stringify(session).slice(0, -3));
    sessionStorage.setItem('kizuna:authoring-draft:gd_exports', JSON.stringify(draftOf(storedGuide())).slice(0, -3));
    expect(tab().session()).toBeNull();
    expect(tab().draft('gd_exports')).toBeNull();
    sessionStorage.setItem(authoringSessionKey('pk_test'), JSON.stringify({ session: 42, expiresAt: '', guideId: 'gd_exports' }));
    expect(tab().session()).toBeNull();
    const { baseUpdatedAt: _, ...unversioned } = draftOf(storedGuide());
    sessionStorage.setItem('kizuna:authoring-draft:gd_exports', JSON.stringify(unversioned));
    expect(tab().draft('gd_exports')).toBeNull();
  });

  it('forgets the session on exit, and the draft only when told which guide', () => {
    tab().keepSession(session);
    tab().keepDraft(draftOf(storedGuide()));
    tab().forget(undefined);
    expect(tab().session()).toBeNull();
    expect(tab().draft('gd_exports')).not.toBeNull();
    tab().keepSession(session);
    tab().forget('gd_exports');
    expect(tab().session()).toBeNull();
    expect(tab().draft('gd_exports')).toBeNull();
    expect(sessionStorage).toHaveLength(0);
  });
});

describe('describeProblem', () => {
  it.each([
    ['a network failure', new AuthoringError(0, 'network', 'TypeError: Failed to fetch'), en.network],
    ['a used link', new AuthoringError(401, 'authoring_link_invalid', 'used'), en.linkInvalid],
    ['an ended session', new AuthoringError(401, 'authoring_session_expired', 'ended'), en.sessionEnded],
    ['a refused origin', new AuthoringError(403, 'origin_not_allowed', 'no'), en.originRefused],
    ['a conflict', new AuthoringError(409, 'conflict', 'someone saved'), en.conflict],
    ['a server error', new AuthoringError(500, 'http_500', 'Internal Server Error'), en.failed(500)],
    ['a 400 on no step', new AuthoringError(400, 'invalid_request', 'bad', 'trigger.url'), en.failed(400)],
  ])('words %s in the author’s terms', (_, error, text) => {
    expect(describeProblem(error, en)).toEqual({ text });
  });

  it('names the step and the field of a 400, and which step it is', () => {
    // A whole text refused means none of its languages was filled in: said in the author's language.
    const error = new AuthoringError(400, 'invalid_request', 'needs at least one language', 'steps.2.title');
    expect(describeProblem(error, en)).toEqual({ text: 'Step 3, Title: write it in at least one language.', stepIndex: 2 });
    expect(describeProblem(error, ja)).toEqual({ text: 'ステップ 3（タイトル）: 少なくとも1つの言語で入力してください。', stepIndex: 2 });
    expect(describeProblem(new AuthoringError(400, 'invalid_request', 'Invalid', 'steps.1.target'), en)).toEqual({ text: 'Step 2, Element: Invalid', stepIndex: 1 });
    expect(describeProblem(new AuthoringError(400, 'invalid_request', 'Too long', 'steps.0.body.en'), en)).toEqual({ text: 'Step 1, Text: Too long', stepIndex: 0 });
  });
});

describe('the authoring UI in the page', () => {
  const API = 'https://kizuna.example/api/v1/authoring';
  let stored: Guide;
  let network: ReturnType<typeof fakeNetwork>;
  let versions: number;

  /** The authoring API over `stored`; `refuse` answers a call ("PUT /guide") in the server's place. */
  function serve(refuse: (call: string) => Response | Promise<Response> | Error | undefined = () => undefined) {
    network = fakeNetwork((url, init) => {
      const call = `${init.method ?? 'GET'} ${url.replace(API, '')}`;
      const refused = refuse(call);
      if (refused) return refused;
      if (call === 'POST /sessions') return json({ session: 'sess_1', expiresAt: '2030-01-01T00:00:00.000Z', guide: stored });
      if (call === 'GET /guide') return json(stored);
      if (call === 'PUT /guide') {
        stored = { ...stored, steps: JSON.parse(init.body as string).steps, updatedAt: `v${++versions}` };
        return json(stored);
      }
      return 404;
    });
  }
  const calls = () => network.sent.map((s) => `${s.init.method ?? 'GET'} ${s.url.replace(API, '')}`);
  const puts = () => network.sent.filter((s) => s.init.method === 'PUT');

  function start(token: string | null = 'tok_1', language = 'en-US') {
    startAuthoring({ base: 'https://kizuna.example/', projectKey: 'pk_test', token, fetch: network.fetch, language, log: () => {} });
  }
  const host = () => document.querySelector(AUTHORING_HOST_TAG);
  const ui = () => {
    const root = host()?.shadowRoot;
    if (!root) throw new Error('no authoring UI in the page');
    return within(root as unknown as HTMLElement);
  };
  /** The dock once the guide is open: its toolbar is there. */
  const opened = async (m = en) => {
    await ui().findByRole('toolbar', { name: m.toolbar });
    return ui();
  };
  const toolbarButton = (name: string) => within(ui().getByRole('toolbar')).getByRole('button', { name });
  const titleField = (lang = 'English') => ui().getByLabelText(`${en.title} (${lang})`) as HTMLInputElement;
  const type = (field: HTMLElement, text: string) => fireEvent.input(field, { target: { value: text } });
  const keptSession = () => sessionStorage.getItem(authoringSessionKey('pk_test'));

  beforeEach(() => {
    stored = storedGuide();
    versions = 1;
    serve();
  });
  afterEach(async () => {
    // The dock puts itself back when removed (see keepInPage): only its own Exit takes it away.
    if (host()) {
      fireEvent.click(await ui().findByRole('button', { name: /^(Exit|終了)$/, hidden: true }));
      if (host()) fireEvent.click(ui().getByRole('button', { name: en.exitAnyway }));
    }
    expect(host()).toBeNull();
    document.body.innerHTML = '';
  });

  it('opens in a labelled dock of its own shadow root, in the browser’s language', async () => {
    start('tok_1', 'ja-JP');
    expect(ui().getByRole('status').textContent).toBe(ja.loading);
    const dock = await opened(ja);
    const region = dock.getByRole('region', { name: ja.region });
    expect(region.getAttribute('lang')).toBe('ja');
    expect(dock.getByRole('heading', { name: '「Exports」を編集中' })).toBeTruthy();
    expect(
      within(dock.getByRole('toolbar'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([ja.addStep, ja.pick, ja.preview, ja.save, ja.exit]);
    expect(dock.getByLabelText('タイトル (日本語)')).toHaveProperty('value', 'Welcome');
    // Nothing of it in the page's own DOM, where the app's styles and scripts reach.
    expect(document.body.lastElementChild).toBe(host());
    expect(host()?.children).toHaveLength(0);
    expect(network.sent[0]?.body).toEqual({ token: 'tok_1' });
    expect(JSON.parse(keptSession() ?? 'null')).toEqual({ session: 'sess_1', expiresAt: '2030-01-01T00:00:00.000Z', guideId: 'gd_exports' });
  });

  it('saves the edited steps with the session, on the version it opened, and says so', async () => {
    start();
    await opened();
    type(titleField(), 'Export your invoices');
    fireEvent.click(toolbarButton(en.save));
    await ui().findByText(en.saved);
    expect(calls()).toEqual(['POST /sessions', 'PUT /guide']);
    const [put] = puts();
    expect(put?.init.headers).toMatchObject({ Authorization: 'Bearer sess_1' });
    expect(put?.init.credentials).toBe('omit');
    expect(put?.body).toEqual({
      steps: [{ title: { ja: 'Welcome', en: 'Export your invoices' }, body: 'A quick tour.', placement: 'auto', advance: 'next', spotlight: false }],
      updatedAt: 'v1',
    });
    // Saved: nothing to lose, so Exit does not ask.
    fireEvent.click(toolbarButton(en.exit));
    expect(host()).toBeNull();
  });

  it('stops saying "Saved" at the next edit, and drops a pending exit question once all is saved', async () => {
    start();
    await opened();
    type(titleField(), 'Export your invoices');
    fireEvent.click(toolbarButton(en.exit));
    await ui().findByText(en.unsavedExit);
    fireEvent.click(toolbarButton(en.save));
    await ui().findByText(en.saved);
    await waitFor(() => expect(ui().queryByText(en.unsavedExit)).toBeNull());
    type(titleField(), 'Export them');
    await waitFor(() => expect(ui().queryByText(en.saved)).toBeNull());
  });

  it('keeps Save busy while it saves: a second press sends nothing', async () => {
    let answer!: (res: Response) => void;
    serve((call) => (call === 'PUT /guide' ? new Promise<Response>((resolve) => (answer = resolve)) : undefined));
    start();
    await opened();
    type(titleField(), 'Once');
    fireEvent.click(toolbarButton(en.save));
    const busy = await ui().findByRole('button', { name: en.saving });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(busy);
    answer(json(storedGuide({ updatedAt: 'v2' })));
    await ui().findByText(en.saved);
    expect(puts()).toHaveLength(1);
    expect(toolbarButton(en.save).getAttribute('aria-disabled')).toBeNull();
  });

  it('still counts what was typed while it saved as unsaved', async () => {
    let answer!: (res: Response) => void;
    serve((call) => (call === 'PUT /guide' ? new Promise<Response>((resolve) => (answer = resolve)) : undefined));
    start();
    await opened();
    type(titleField(), 'Export');
    fireEvent.click(toolbarButton(en.save));
    await ui().findByRole('button', { name: en.saving });
    type(titleField(), 'Export your invoices');
    answer(json(storedGuide({ updatedAt: 'v2' })));
    await ui().findByText(en.saved);
    expect(puts()[0]?.body.steps[0].title).toEqual({ ja: 'Welcome', en: 'Export' });
    // The server has "Export" only: a page load must bring the rest back, and Exit must ask.
    const draft = openTabStore(createStore(() => sessionStorage), 'pk_test').draft('gd_exports');
    expect(draft).toMatchObject({ dirty: true, baseUpdatedAt: 'v2' });
    expect(draft?.steps[0]?.title.en).toBe('Export your invoices');
    fireEvent.click(toolbarButton(en.exit));
    expect(ui().getByRole('alert').textContent).toContain(en.unsavedExit);
  });

  it('on a conflict, keeps the steps and offers to save them over the newer version', async () => {
    let conflicts = 1;
    serve((call) => {
      if (call !== 'PUT /guide' || conflicts-- <= 0) return undefined;
      // Someone saved meanwhile.
      stored = { ...stored, updatedAt: 'v7' };
      return refusal(409, 'conflict');
    });
    start();
    await opened();
    type(titleField(), 'Mine');
    fireEvent.click(toolbarButton(en.save));
    const alert = await ui().findByRole('alert');
    expect(alert.textContent).toContain(en.conflict);
    expect(titleField().value).toBe('Mine');
    fireEvent.click(within(alert).getByRole('button', { name: en.overwrite }));
    await ui().findByText(en.saved);
    expect(calls()).toEqual(['POST /sessions', 'PUT /guide', 'GET /guide', 'PUT /guide']);
    expect(network.sent[2]?.init.headers).toMatchObject({ Authorization: 'Bearer sess_1' });
    expect(puts().map((p) => p.body.updatedAt)).toEqual(['v1', 'v7']);
    expect(stored.steps[0]?.title).toEqual({ ja: 'Welcome', en: 'Mine' });
  });

  it('when the session has ended, says so and keeps what was typed, here and in this tab', async () => {
    serve((call) => (call === 'PUT /guide' ? refusal(401, 'authoring_session_expired') : undefined));
    start();
    await opened();
    type(titleField(), 'Do not lose me');
    fireEvent.click(toolbarButton(en.save));
    expect((await ui().findByRole('alert')).textContent).toContain(en.sessionEnded);
    expect(titleField().value).toBe('Do not lose me');
    const draft = openTabStore(createStore(() => sessionStorage), 'pk_test').draft('gd_exports');
    expect(draft?.dirty).toBe(true);
    expect(draft?.steps[0]?.title.en).toBe('Do not lose me');
  });

  it('points at the step a 400 names', async () => {
    stored = storedGuide({ steps: [guideStep({ title: 'One' }), guideStep({ title: 'Two' })] });
    serve((call) => (call === 'PUT /guide' ? refusal(400, 'invalid_request', [{ path: 'steps.1.title.en', message: 'Too long' }]) : undefined));
    start();
    await opened();
    expect(ui().getByRole('region', { name: en.stepN(1) })).toBeTruthy();
    fireEvent.click(toolbarButton(en.save));
    expect((await ui().findByRole('alert')).textContent).toContain('Step 2, Title: Too long');
    expect(ui().getByRole('region', { name: en.stepN(2) })).toBeTruthy();
    expect(titleField().value).toBe('Two');
  });

  it('resumes this tab’s session without a token, and restores its unsaved draft', async () => {
    const tab = openTabStore(createStore(() => sessionStorage), 'pk_test');
    tab.keepSession({ session: 'sess_kept', expiresAt: '2030-01-01T00:00:00.000Z', guideId: 'gd_exports' });
    const draft = draftOf(storedGuide({ updatedAt: 'v0' }));
    tab.keepDraft({ ...draft, dirty: true, steps: draft.steps.map((s) => ({ ...s, title: { ja: '残す', en: 'Kept' } })) });
    start(null);
    await opened();
    expect(calls()).toEqual(['GET /guide']);
    expect(network.sent[0]?.init.headers).toMatchObject({ Authorization: 'Bearer sess_kept' });
    expect(ui().getByRole('status').textContent).toContain(en.restored);
    expect(titleField().value).toBe('Kept');
    fireEvent.click(toolbarButton(en.save));
    await ui().findByText(en.saved);
    // Saved on the version the draft was made from: a save since then is a conflict, not overwritten.
    expect(puts()[0]?.body.updatedAt).toBe('v0');
  });

  it('says the session has ended when the one kept in this tab cannot be read', async () => {
    sessionStorage.setItem(authoringSessionKey('pk_test'), '{"session":');
    start(null);
    expect((await ui().findByRole('alert')).textContent).toContain(en.sessionEnded);
    expect(calls()).toEqual([]);
  });

  it('asks before exiting with unsaved changes, and only leaves on "Exit without saving"', async () => {
    start();
    await opened();
    type(titleField(), 'Half done');
    fireEvent.click(toolbarButton(en.exit));
    const alert = ui().getByRole('alert');
    expect(alert.textContent).toContain(en.unsavedExit);
    fireEvent.click(within(alert).getByRole('button', { name: en.keepEditing }));
    expect(ui().queryByRole('alert')).toBeNull();
    expect(host()).not.toBeNull();

    fireEvent.click(toolbarButton(en.exit));
    expect(keptSession()).not.toBeNull();
    fireEvent.click(within(ui().getByRole('alert')).getByRole('button', { name: en.exitAnyway }));
    expect(host()).toBeNull();
    expect(keptSession()).toBeNull();
    // The tab is a visitor's again: no draft waits to come back.
    expect(sessionStorage).toHaveLength(0);
  });

  it('keeps the keys typed in the dock from the app’s shortcuts', async () => {
    const heard: string[] = [];
    const listener = (e: Event) => heard.push(`${e.type} ${(e as KeyboardEvent).key}`);
    document.addEventListener('keydown', listener);
    document.addEventListener('keyup', listener);
    try {
      start();
      await opened();
      fireEvent.keyDown(titleField(), { key: 'k', ctrlKey: true });
      fireEvent.keyUp(titleField(), { key: 'k', ctrlKey: true });
      fireEvent.keyDown(toolbarButton(en.save), { key: 'ArrowRight' });
      expect(heard).toEqual([]);
      fireEvent.keyDown(document.body, { key: 'k' });
      expect(heard).toEqual(['keydown k']);
    } finally {
      document.removeEventListener('keydown', listener);
      document.removeEventListener('keyup', listener);
    }
  });

  it('adds a step ready to point at an element, and reorders and deletes steps from the list', async () => {
    start();
    await opened();
    fireEvent.click(toolbarButton(en.addStep));
    expect(toolbarButton(en.pick).getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(toolbarButton(en.pick).getAttribute('aria-pressed')).toBe('false');
    const list = () => within(ui().getByRole('list', { name: en.steps }));
    const names = () => list().getAllByRole('listitem').map((li) => li.querySelector('.step-name')?.textContent);
    expect(names()).toEqual(['1. Welcome', `2. ${en.untitled}`]);
    // The new step is the one being edited.
    expect(list().getByRole('button', { current: true }).textContent).toBe(`2. ${en.untitled}`);
    expect(ui().getByRole('region', { name: en.stepN(2) })).toBeTruthy();
    type(titleField(), 'Export');
    expect((list().getByRole('button', { name: en.moveUp(1) }) as HTMLButtonElement).disabled).toBe(true);
    expect((list().getByRole('button', { name: en.moveDown(2) }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(list().getByRole('button', { name: en.moveUp(2) }));
    expect(names()).toEqual(['1. Export', '2. Welcome']);
    fireEvent.click(list().getByRole('button', { name: en.remove(1) }));
    expect(names()).toEqual(['1. Welcome']);
    expect(titleField().value).toBe('Welcome');
    fireEvent.click(list().getByRole('button', { name: en.remove(1) }));
    expect(ui().getByText(en.noSteps)).toBeTruthy();
    expect(ui().queryByRole('region', { name: en.stepN(1) })).toBeNull();
  });

  it('warns about a step saved earlier whose element, found on this page, has nothing stable to be found by', async () => {
    vi.stubGlobal('CSS', { escape: (value: string) => value.replace(/[^\w-]/g, (ch) => `\\${ch}`) });
    const total = document.createElement('section');
    total.innerHTML = '<span class="sc-AxjAm">Total</span><span class="css-1x2y3z">42</span>';
    const figure = total.lastElementChild as HTMLElement;
    giveBox(figure);
    const exportButton = document.createElement('button');
    exportButton.dataset.testid = 'export-csv';
    exportButton.textContent = 'Export CSV';
    giveBox(exportButton);
    document.body.prepend(total, exportButton);
    try {
      stored = storedGuide({ steps: [guideStep({ target: 'section > span:nth-of-type(2)', title: 'Total' }), guideStep({ target: '[data-testid="export-csv"]', title: 'Export' })] });
      start();
      await opened();
      expect(await ui().findByText(en.unstable)).toBeTruthy();
      fireEvent.click(ui().getByRole('button', { name: /^2\. Export/ }));
      await ui().findByRole('region', { name: en.stepN(2) });
      await waitFor(() => expect(ui().queryByText(en.unstable)).toBeNull());
    } finally {
      total.remove();
      exportButton.remove();
      vi.unstubAllGlobals();
    }
  });

  it('points a step at the element picked in the app, which never sees the click', async () => {
    // Browsers have CSS.escape (selectors are built with it); jsdom does not. Enough for these plain names:
    vi.stubGlobal('CSS', { escape: (value: string) => value.replace(/[^\w-]/g, (ch) => `\\${ch}`) });
    const button = document.createElement('button');
    giveBox(button);
    button.dataset.testid = 'export-csv';
    button.textContent = 'Export CSV';
    document.body.prepend(button);
    const appClicks = vi.fn();
    try {
      start();
      await opened();
      // A toggle: a second press leaves pick mode.
      fireEvent.click(toolbarButton(en.pick));
      expect(toolbarButton(en.pick).getAttribute('aria-pressed')).toBe('true');
      fireEvent.click(toolbarButton(en.pick));
      expect(toolbarButton(en.pick).getAttribute('aria-pressed')).toBe('false');
      expect(ui().queryByText(en.picking)).toBeNull();
      fireEvent.click(toolbarButton(en.pick));
      document.addEventListener('click', appClicks);
      expect(toolbarButton(en.pick).getAttribute('aria-pressed')).toBe('true');
      expect(ui().getByText(en.picking)).toBeTruthy();
      fireEvent.click(button);
      expect(appClicks).not.toHaveBeenCalled();
      expect(toolbarButton(en.pick).getAttribute('aria-pressed')).toBe('false');
      expect(ui().getByRole('region', { name: en.stepN(1) }).querySelector('code')?.textContent).toBe('[data-testid="export-csv"]');
      // The element is on this page (it has a box): no warning, and the tooltip shows on it.
      await ui().findByRole('dialog', { name: 'Welcome' });
      expect(ui().queryByText(en.notOnPage)).toBeNull();
    } finally {
      document.removeEventListener('click', appClicks);
      vi.unstubAllGlobals();
    }
  });

  it.each([
    ['a used link', () => refusal(401, 'authoring_link_invalid'), en.linkInvalid],
    ['no connection', () => new TypeError('Failed to fetch'), en.network],
  ])('on %s, says why and offers Exit, keeping a draft of this tab for the next link', async (_, failure, text) => {
    const tab = openTabStore(createStore(() => sessionStorage), 'pk_test');
    tab.keepDraft({ ...draftOf(storedGuide()), dirty: true });
    serve((call) => (call === 'POST /sessions' ? failure() : undefined));
    start();
    expect((await ui().findByRole('alert')).textContent).toBe(text);
    expect(ui().queryByRole('toolbar')).toBeNull();
    expect(keptSession()).toBeNull();
    fireEvent.click(ui().getByRole('button', { name: en.exit }));
    expect(host()).toBeNull();
    expect(tab.draft('gd_exports')?.dirty).toBe(true);
  });
});
