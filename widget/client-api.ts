import type { LocalizedText } from '../shared/schemas/common.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';
import type { Endpoints, FetchLike } from './endpoints.ts';
import { isRecord } from './guards.ts';
import type { Log } from './log.ts';

/** What the widget reads from the server; a failure reads as "nothing to show". */
export interface ClientApi {
  /** Surveys the server considers due for this user, most important first. */
  dueSurveys(userId: string): Promise<ClientSurvey[]>;
  survey(surveyId: string): Promise<ClientSurvey | null>;
}

export function createClientApi(endpoints: Pick<Endpoints, 'state' | 'survey'>, fetch: FetchLike, log: Log): ClientApi {
  async function getJson(url: string): Promise<unknown> {
    try {
      const res = await fetch(url, { credentials: 'omit' });
      if (res.ok) return await res.json();
      log(`GET ${url} answered ${res.status}`);
    } catch (error) {
      log(`GET ${url} failed`, error);
    }
    return undefined;
  }

  return {
    async dueSurveys(userId) {
      const state = await getJson(endpoints.state(userId));
      return isRecord(state) && Array.isArray(state.surveys) ? state.surveys.filter(isClientSurvey) : [];
    },
    async survey(surveyId) {
      const survey = await getJson(endpoints.survey(surveyId));
      return isClientSurvey(survey) ? survey : null;
    },
  };
}

/** Enough of a check that rendering cannot trip over what the server sent. */
function isClientSurvey(value: unknown): value is ClientSurvey {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    isLocalizedText(value.question) &&
    Array.isArray(value.touchpoints) &&
    value.touchpoints.every((tp) => isRecord(tp) && typeof tp.key === 'string' && isLocalizedText(tp.label)) &&
    [value.delaySeconds, value.recontactDays, value.sampleRate].every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return typeof value === 'string' || (isRecord(value) && Object.values(value).every((text) => typeof text === 'string'));
}
