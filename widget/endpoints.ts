/** Every server URL the widget talks to, in one place. */
export interface Endpoints {
  state(userId: string): string;
  survey(surveyId: string): string;
  responses: string;
  events: string;
}

export function clientEndpoints(base: string, projectKey: string): Endpoints {
  const root = `${base}api/v1/client/${encodeURIComponent(projectKey)}`;
  return {
    state: (userId) => `${root}/state?userId=${encodeURIComponent(userId)}`,
    survey: (surveyId) => `${root}/surveys/${encodeURIComponent(surveyId)}`,
    responses: `${root}/responses`,
    events: `${root}/events`,
  };
}

/** The subset of `fetch` we use, so tests can hand in their own network. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
