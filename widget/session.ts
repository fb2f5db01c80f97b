import { isEligible } from '../shared/eligibility.ts';
import { resolveLocale } from '../shared/messages.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';
import type { ClientApi } from './client-api.ts';
import type { CommandHandlers } from './commands.ts';
import { openHistory } from './history.ts';
import { toAttributes, toUserId } from './identity.ts';
import type { Log } from './log.ts';
import { presentSurvey, type Respondent } from './present.ts';
import type { KeyValueStore } from './storage.ts';
import type { MountedSurvey, MountSurvey } from './survey-ui.ts';
import type { Transport } from './transport.ts';

export interface SessionOptions {
  projectKey: string;
  api: ClientApi;
  transport: Transport;
  store: KeyValueStore;
  /** Fetches the survey UI; called only when a survey is about to be shown. */
  loadUi(): Promise<MountSurvey>;
  /** The browser's language, the fallback when `identify` gives no `locale`. */
  language: string | undefined;
  pageUrl(): string | undefined;
  log: Log;
}

/** Who is using the host app, and which survey (if any) is waiting for or shown to them. */
export function createSession({ projectKey, api, transport, store, loadUi, language, pageUrl, log }: SessionOptions): CommandHandlers {
  let respondent: Respondent | null = null;
  // Bumped whenever the user changes: answers to requests made for someone else are dropped.
  let generation = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let card: MountedSurvey | undefined;

  function forget(): void {
    generation++;
    clearTimeout(pending);
    pending = undefined;
    card?.unmount();
    card = undefined;
    respondent = null;
  }

  /** Runs `then` with the result only if the same user is still there. */
  function whileCurrent<T>(work: Promise<T>, then: (result: T, person: Respondent) => void): void {
    const started = generation;
    work
      .then((result) => {
        if (started === generation && respondent) then(result, respondent);
      })
      .catch((error: unknown) => log('could not show a survey', error));
  }

  function showNow(survey: ClientSurvey): void {
    clearTimeout(pending);
    pending = undefined;
    whileCurrent(loadUi(), (mount, person) => {
      card?.unmount();
      const shown = presentSurvey({
        mount,
        survey,
        respondent: person,
        transport,
        history: openHistory(store, projectKey, person.id),
        pageUrl: pageUrl(),
        log,
        onClosed: () => {
          if (card === shown) card = undefined;
        },
      });
      card = shown;
    });
  }

  return {
    identify(rawUserId, rawAttributes) {
      const id = toUserId(rawUserId);
      if (id === null) return log('identify: needs a user id (a non-empty string)');
      const attributes = toAttributes(rawAttributes, log);
      const locale = resolveLocale(typeof attributes.locale === 'string' ? attributes.locale : undefined, language);
      // Host apps call identify on every route change: the same user keeps their pending survey.
      if (respondent?.id === id) {
        respondent = { id, attributes, locale };
        return;
      }
      forget();
      respondent = { id, attributes, locale };
      whileCurrent(api.dueSurveys(id), (surveys, person) => {
        const history = openHistory(store, projectKey, person.id);
        const stillDue = (survey: ClientSurvey) => isEligible(survey, history.get(survey.id), person.id, Date.now());
        const due = surveys.find(stillDue);
        if (!due) return log('no survey due');
        // Checked again when the delay is over: another tab of the app may have shown it meanwhile.
        pending = setTimeout(() => {
          if (stillDue(due)) showNow(due);
        }, due.delaySeconds * 1000);
      });
    },
    reset() {
      forget();
    },
    show(rawSurveyId) {
      if (typeof rawSurveyId !== 'string' || !rawSurveyId) return log('show: needs a survey id');
      if (!respondent) return log('show: call identify first');
      whileCurrent(api.survey(rawSurveyId), (survey) => (survey ? showNow(survey) : log(`show: no survey ${rawSurveyId}`)));
    },
  };
}
