import type { UserAttributes } from '../shared/schemas/common.ts';
import type { ClientGuide } from '../shared/schemas/guide.ts';
import type { ClientSurvey } from '../shared/schemas/survey.ts';
import { JSON_TEXT, type Endpoints, type FetchLike } from './endpoints.ts';
import { isRecord } from './guards.ts';
import type { Log } from './log.ts';

/** What the server says is due for a user; a failure reads as "nothing". */
export interface DueState {
  /** Most important first. */
  surveys: ClientSurvey[];
  guides: ClientGuide[];
  maxStartsPerPageView: number;
}

/** What the widget reads from the server; a failure reads as "nothing to show". */
export interface ClientApi {
  state(userId: string, attributes: UserAttributes): Promise<DueState>;
  survey(surveyId: string): Promise<ClientSurvey | null>;
  guide(guideId: string, userId: string): Promise<ClientGuide | null>;
}

/** Used when the server does not say: one start per page view. */
export const DEFAULT_MAX_STARTS = 1;

/**
 * The server that answers here also serves this script, so its answers have the shapes of
 * `shared/schemas` (validated there, not copied here); only a failed, non-JSON or empty answer
 * is guarded against.
 */
export function createClientApi(endpoints: Pick<Endpoints, 'state' | 'survey' | 'guide'>, fetch: FetchLike, log: Log): ClientApi {
  async function getJson(url: string, init: RequestInit = {}): Promise<unknown> {
    try {
      const res = await fetch(url, { ...init, credentials: 'omit' });
      if (res.ok) return await res.json();
      log(`${init.method ?? 'GET'} ${url} answered ${res.status}`);
    } catch (error) {
      log(`${init.method ?? 'GET'} ${url} failed`, error);
    }
    return undefined;
  }

  return {
    async state(userId, attributes) {
      const state = await getJson(endpoints.state, {
        method: 'POST',
        // The page's address also feeds the console's install check ("widget last seen on …").
        body: JSON.stringify({ userId, attributes, url: location.href }),
        headers: { 'Content-Type': JSON_TEXT },
      });
      if (!isRecord(state)) return { surveys: [], guides: [], maxStartsPerPageView: DEFAULT_MAX_STARTS };
      const max = state.maxStartsPerPageView;
      return {
        surveys: Array.isArray(state.surveys) ? (state.surveys as ClientSurvey[]) : [],
        guides: Array.isArray(state.guides) ? (state.guides as ClientGuide[]) : [],
        maxStartsPerPageView: Number.isInteger(max) && (max as number) >= 0 ? (max as number) : DEFAULT_MAX_STARTS,
      };
    },
    async survey(surveyId) {
      const survey = await getJson(endpoints.survey(surveyId));
      return isRecord(survey) ? (survey as ClientSurvey) : null;
    },
    async guide(guideId, userId) {
      const guide = await getJson(endpoints.guide(guideId, userId));
      return isRecord(guide) ? (guide as ClientGuide) : null;
    },
  };
}
