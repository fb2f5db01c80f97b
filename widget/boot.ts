import { isAuthoring, takeAuthoringToken } from './authoring-link.ts';
import type { StartAuthoring } from './authoring-ui.ts';
import { clientEndpoints, type FetchLike } from './endpoints.ts';
import { createClientApi } from './client-api.ts';
import { createKizuna, installKizuna, isInstalled } from './commands.ts';
import { createLog } from './log.ts';
import { openOutbox } from './outbox.ts';
import { pageUrlOf } from './present.ts';
import { findScript, readScriptConfig } from './script-config.ts';
import { createSession } from './session.ts';
import { createStore } from './storage.ts';
import type { MountGuide } from './guide-ui.ts';
import { watchNavigation } from './navigation.ts';
import type { MountSurvey } from './survey-ui.ts';
import { createTransport } from './transport.ts';

/** Where the UIs live, relative to `widget.js`. */
export const UI_PATH = 'widget/ui/survey.js';
export const GUIDE_UI_PATH = 'widget/ui/guide.js';
/** Only a tab opened from "Edit in app" loads this one. */
export const AUTHORING_UI_PATH = 'widget/ui/authoring.js';

/** What a UI module exports (each has one of them). */
export interface UiModule {
  mountSurvey?: MountSurvey;
  mountGuide?: MountGuide;
  startAuthoring?: StartAuthoring;
}

export interface BootOptions {
  win: Window & { kizuna?: unknown };
  /** `document.currentScript` as it was while the loader ran. */
  currentScript: Element | null;
  fetch: FetchLike;
  importUi(url: string): Promise<UiModule>;
}

/** Wires the widget together and installs `window.kizuna`. Never throws: a broken widget must not break the host page. */
export function boot({ win, currentScript, fetch, importUi }: BootOptions): void {
  try {
    const script = findScript(win.document, currentScript);
    const config = script && readScriptConfig(script);
    if (!config || isInstalled(win.kizuna)) return;
    // First thing: the token must leave the address bar before the host app reads or shares it.
    const token = takeAuthoringToken(win);
    const authoring = isAuthoring(token, createStore(() => win.sessionStorage), config.projectKey);
    const log = createLog(config.debug);
    const endpoints = clientEndpoints(config.base, config.projectKey);
    const store = createStore(() => win.localStorage);
    const nav = win.navigator;
    const transport = createTransport({
      endpoints,
      outbox: openOutbox(store, config.projectKey),
      fetch,
      sendBeacon: typeof nav.sendBeacon === 'function' ? (url, data) => nav.sendBeacon(url, data) : undefined,
      win,
      log,
    });
    const session = createSession({
      projectKey: config.projectKey,
      api: createClientApi(endpoints, fetch, log),
      transport,
      store,
      loadUi: () => importUi(new URL(UI_PATH, config.base).href).then((ui) => exported(ui.mountSurvey)),
      loadGuideUi: () => importUi(new URL(GUIDE_UI_PATH, config.base).href).then((ui) => exported(ui.mountGuide)),
      language: nav.language,
      pageUrl: () => pageUrlOf(win.location),
      location: () => win.location,
      watchNavigation: (onPageView) => watchNavigation(win, onPageView),
      // An author at work is not interrupted by the surveys and guides they are building.
      quiet: authoring,
      log,
    });
    installKizuna(win, createKizuna(session, log));
    if (authoring) {
      importUi(new URL(AUTHORING_UI_PATH, config.base).href)
        .then((ui) => exported(ui.startAuthoring)({ base: config.base, projectKey: config.projectKey, token, fetch, language: nav.language, log }))
        .catch((error: unknown) => log('could not start authoring', error));
    }
  } catch {
    // Nothing sensible left to do, and nothing the host page should see.
  }
}

function exported<T>(fn: T | undefined): T {
  if (typeof fn !== 'function') throw new Error('UI module without its mount function');
  return fn;
}
