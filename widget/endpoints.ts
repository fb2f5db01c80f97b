/** Every server URL the widget talks to, in one place. */
export interface Endpoints {
  /** `POST { userId, attributes }`: what is due for this user. */
  state: string;
  survey(surveyId: string): string;
  guide(guideId: string, userId: string): string;
  responses: string;
  events: string;
}

export function clientEndpoints(base: string, projectKey: string): Endpoints {
  const root = `${base}api/v1/client/${encodeURIComponent(projectKey)}`;
  return {
    state: `${root}/state`,
    survey: (surveyId) => `${root}/surveys/${encodeURIComponent(surveyId)}`,
    guide: (guideId, userId) => `${root}/guides/${encodeURIComponent(guideId)}?userId=${encodeURIComponent(userId)}`,
    responses: `${root}/responses`,
    events: `${root}/events`,
  };
}

/** The subset of `fetch` we use, so tests can hand in their own network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** JSON sent as text/plain: a "simple" request, so no CORS preflight (and `sendBeacon` takes it). */
export const JSON_TEXT = 'text/plain;charset=UTF-8';
