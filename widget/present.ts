import { URL_MAX } from '../shared/limits.ts';
import type { UiLocale } from '../shared/localize.ts';
import type { UserAttributes } from '../shared/schemas/common.ts';
import type { SurveyEvent } from '../shared/schemas/event.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';
import { nanoid } from 'nanoid';
import type { LocalHistory } from './history.ts';
import type { Log } from './log.ts';
import type { Answer, MountedSurvey, MountSurvey } from './survey-ui.ts';
import type { Transport } from './transport.ts';

export interface Respondent {
  id: string;
  attributes: UserAttributes;
  locale: UiLocale;
}

export interface PresentOptions {
  mount: MountSurvey;
  survey: ClientSurvey;
  respondent: Respondent;
  transport: Transport;
  history: LocalHistory;
  /** The page the answer was given on, without the fragment; omitted when the server would refuse it. */
  pageUrl: string | undefined;
  log: Log;
  /** Called once the card is gone, whoever closed it. */
  onClosed(): void;
}

/**
 * Shows one survey card and turns what happens on it into a response (one id, sent again with
 * each new part) and events, and into this device's history.
 */
export function presentSurvey({ mount, survey, respondent, transport, history, pageUrl, log, onClosed }: PresentOptions): MountedSurvey {
  const responseId = nanoid();
  let lastSent: string | undefined;

  const event = (type: SurveyEvent['type']) =>
    transport.sendEvent({ id: nanoid(), type, surveyId: survey.id, userId: respondent.id, at: Date.now() });

  function onAnswer(answer: Answer): void {
    const sent = JSON.stringify(answer);
    if (sent === lastSent) return;
    if (lastSent === undefined) history.record(survey.id, 'answeredAt', Date.now());
    lastSent = sent;
    transport.sendResponse({
      id: responseId,
      surveyId: survey.id,
      userId: respondent.id,
      ...answer,
      locale: respondent.locale,
      ...(pageUrl ? { url: pageUrl } : {}),
      attributes: respondent.attributes,
    });
  }

  function onClose(): void {
    if (lastSent === undefined) {
      event('survey_dismissed');
      history.record(survey.id, 'dismissedAt', Date.now());
    }
    card.unmount();
    onClosed();
  }

  // The card lives in the host page: a slip in our callbacks must not surface there as an error.
  const guarded = (name: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      log(`${name} failed`, error);
    }
  };
  const card = mount({
    survey,
    locale: respondent.locale,
    onAnswer: (answer) => guarded('onAnswer', () => onAnswer(answer)),
    onClose: () => guarded('onClose', onClose),
  });
  event('survey_shown');
  return card;
}


export function pageUrlOf(location: Location): string | undefined {
  const url = location.href.split('#')[0];
  return url && url.length <= URL_MAX ? url : undefined;
}
