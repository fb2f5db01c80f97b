import { resolveLocale } from '../shared/localize.ts';
import { EVENT_NAME_PATTERN, TRACK_EVENT_TYPE } from '../shared/limits.ts';
import type { ClientGuide } from '../shared/schemas/guide.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';
import { nanoid } from 'nanoid';
import type { ClientApi, DueState } from './client-api.ts';
import type { CommandHandlers } from './commands.ts';
import { delayOf, isDue, pickNext, startStep, stillTargets, type Candidate, type DueContext } from './due.ts';
import type { MountGuide } from './guide-ui.ts';
import { openGuideHistory, openHistory } from './history.ts';
import { toAttributes, toUserId } from './identity.ts';
import type { Log } from './log.ts';
import { presentGuide } from './present-guide.ts';
import { presentSurvey, type Respondent } from './present.ts';
import type { KeyValueStore } from './storage.ts';
import type { MountSurvey } from './survey-ui.ts';
import type { Transport } from './transport.ts';

export interface SessionOptions {
  projectKey: string;
  api: ClientApi;
  transport: Transport;
  store: KeyValueStore;
  /** Fetch the UIs; called only when a survey / a guide is about to be shown. */
  loadUi(): Promise<MountSurvey>;
  loadGuideUi(): Promise<MountGuide>;
  /** The browser's language, the fallback when `identify` gives no `locale`. */
  language: string | undefined;
  pageUrl(): string | undefined;
  /** Where the user is now (URL triggers). */
  location(): { pathname: string; search: string };
  /** Calls back on each in-app navigation (a new page view); returns the function that stops it. */
  watchNavigation(onPageView: () => void): () => void;
  /** Nothing starts on its own (`show` still works): set while an author edits guides in this tab. */
  quiet?: boolean;
  log: Log;
}

const keyOf = (c: Candidate) => `${c.kind}:${c.item.id}`;

/**
 * Who is using the host app, what is due for them, and the one survey or guide (never both)
 * waiting for its delay or on screen. Each page view (a load or an SPA navigation) may start up
 * to `maxStartsPerPageView` of them; when several are due, the highest priority goes first
 * (a guide on a tie) and the others wait for a later page view.
 */
export function createSession(options: SessionOptions): CommandHandlers {
  const { projectKey, api, transport, store, language, log } = options;
  let respondent: Respondent | null = null;
  // Bumped whenever the user changes: answers to requests made for someone else are dropped.
  let generation = 0;
  let state: Promise<DueState> | undefined;
  let due: DueState | null = null;
  let pending: { candidate: Candidate; timer: ReturnType<typeof setTimeout> } | undefined;
  let current: { unmount(): void } | undefined;
  let starts = 0;
  const startedThisView = new Set<string>();

  options.watchNavigation(() => {
    starts = 0;
    startedThisView.clear();
    // A delayed start waits only on a page it targets.
    if (pending && !stillTargets(pending.candidate, options.location())) cancelPending();
    evaluate();
  });

  function cancelPending(): void {
    clearTimeout(pending?.timer);
    pending = undefined;
  }

  function close(): void {
    current?.unmount();
    current = undefined;
  }

  function forget(): void {
    generation++;
    cancelPending();
    close();
    respondent = null;
    due = null;
    state = undefined;
    // Another user (or none) from here on: their page view starts afresh.
    starts = 0;
    startedThisView.clear();
  }

  /** Runs `then` with the result only if the same user is still there. */
  function whileCurrent<T>(work: Promise<T>, then: (result: T, person: Respondent) => void): void {
    const started = generation;
    work
      .then((result) => {
        if (started === generation && respondent) then(result, respondent);
      })
      .catch((error: unknown) => log('could not show a survey or guide', error));
  }

  function context(person: Respondent, event?: string): DueContext {
    return {
      userId: person.id,
      attributes: person.attributes,
      location: options.location(),
      now: Date.now(),
      event,
      surveyHistory: (id) => openHistory(store, projectKey, person.id).get(id),
      guideHistory: (id) => openGuideHistory(store, projectKey, person.id).get(id),
    };
  }

  const eventOf = (c: Candidate) => (c.kind === 'guide' ? c.item.trigger.event : undefined);

  /** Schedules what should start next on this page view (for `event`, among the guides it triggers). */
  function evaluate(event?: string): void {
    if (options.quiet || !respondent || !due || current || starts >= due.maxStartsPerPageView) return;
    const ctx = context(respondent, event);
    const candidates: Candidate[] = [
      ...due.guides.map((item): Candidate => ({ kind: 'guide', item })),
      ...due.surveys.map((item): Candidate => ({ kind: 'survey', item })),
    ].filter((c) => !startedThisView.has(keyOf(c)) && (!pending || keyOf(c) !== keyOf(pending.candidate)) && isDue(c, ctx));
    const next = pickNext(pending ? [pending.candidate, ...candidates] : candidates);
    if (!next || next === pending?.candidate) return;
    cancelPending();
    const timer = setTimeout(() => {
      pending = undefined;
      // Checked again: the page, the attributes or another tab (history) may have changed meanwhile.
      const person = respondent;
      if (!person || !due || current || starts >= due.maxStartsPerPageView) return;
      if (stillTargets(next, options.location()) && isDue(next, context(person, eventOf(next)))) start(next);
    }, delayOf(next));
    pending = { candidate: next, timer };
  }

  function start(c: Candidate): void {
    starts++;
    startedThisView.add(keyOf(c));
    if (c.kind === 'survey') showSurvey(c.item);
    else showGuide(c.item);
  }

  /** Takes the screen for one survey or guide; `mount` runs once its UI has loaded, if still wanted. */
  function takeScreen<M>(load: Promise<M>, mount: (ui: M, person: Respondent, done: () => void) => { unmount(): void }): void {
    cancelPending();
    close();
    const slot = { unmount: () => {} };
    current = slot;
    whileCurrent(load, (ui, person) => {
      if (current !== slot) return;
      const done = () => {
        if (current === slot) current = undefined;
      };
      slot.unmount = mount(ui, person, done).unmount;
    });
  }

  function showSurvey(survey: ClientSurvey): void {
    takeScreen(options.loadUi(), (mount, person, onClosed) =>
      presentSurvey({
        mount,
        survey,
        respondent: person,
        transport,
        history: openHistory(store, projectKey, person.id),
        pageUrl: options.pageUrl(),
        log,
        onClosed,
      }),
    );
  }

  function showGuide(guide: ClientGuide): void {
    takeScreen(options.loadGuideUi(), (mount, person, onClosed) => {
      const history = openGuideHistory(store, projectKey, person.id);
      return presentGuide({ mount, guide, startAt: startStep(guide, history.get(guide.id)), respondent: person, transport, history, log, onClosed });
    });
  }

  return {
    identify(rawUserId, rawAttributes) {
      const id = toUserId(rawUserId);
      if (id === null) return log('identify: needs a user id (a non-empty string)');
      const attributes = toAttributes(rawAttributes, log);
      const locale = resolveLocale(typeof attributes.locale === 'string' ? attributes.locale : undefined, language);
      // Host apps call identify on every route change: the same user keeps their pending start,
      // unless the new attributes take them out of its audience.
      if (respondent?.id === id) {
        respondent = { id, attributes, locale };
        if (pending && !isDue(pending.candidate, context(respondent, eventOf(pending.candidate)))) cancelPending();
        return evaluate();
      }
      forget();
      respondent = { id, attributes, locale };
      state = api.state(id, attributes);
      whileCurrent(state, (answer) => {
        due = answer;
        if (!answer.surveys.length && !answer.guides.length) log('nothing due');
        evaluate();
      });
    },
    reset() {
      forget();
    },
    show(rawId) {
      if (typeof rawId !== 'string' || !rawId) return log('show: needs a guide or survey id');
      if (!respondent || !state) return log('show: call identify first');
      // Guides first: from the state when it has it, else asked for; then surveys.
      whileCurrent(state, ({ guides }, person) => {
        const known = guides.find((g) => g.id === rawId);
        if (known) return showGuide(known);
        whileCurrent(api.guide(rawId, person.id), (guide) => {
          if (guide) return showGuide(guide);
          whileCurrent(api.survey(rawId), (survey) => (survey ? showSurvey(survey) : log(`show: no guide or survey ${rawId}`)));
        });
      });
    },
    track(rawName, rawProps) {
      if (typeof rawName !== 'string' || !EVENT_NAME_PATTERN.test(rawName)) return log('track: needs an event name (1–64 of A–Z a–z 0–9 _ . : -)');
      if (!respondent) return log('track: call identify first');
      const props = rawProps === undefined ? undefined : toAttributes(rawProps, log);
      transport.sendEvent({
        id: nanoid(),
        type: TRACK_EVENT_TYPE,
        name: rawName,
        userId: respondent.id,
        at: Date.now(),
        ...(props && Object.keys(props).length ? { props } : {}),
      });
      evaluate(rawName);
    },
  };
}
