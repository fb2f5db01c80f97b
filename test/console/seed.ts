import type { Store } from '../../server/data/store.ts';
import type { UserAttributes } from '../../shared/schemas/common.ts';
import type { ClientEvent } from '../../shared/schemas/event.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { categorize } from '../../shared/score.ts';
import { cid, DAY_MS, postInit, type TestServer } from '../server/helpers.ts';

export interface Answer {
  userId: string;
  score: number;
  daysAgo: number;
  factors?: Record<string, number>;
  comment?: string;
  attributes?: UserAttributes;
}

/** Answers stored as the client API stores them (a follow-up opens for scores at or below the threshold). */
export async function seedAnswers(store: Store, project: Project, survey: Survey, answers: Answer[]): Promise<void> {
  const now = Date.now();
  for (const [i, a] of answers.entries()) {
    await store.responses.record({
      projectId: project.id,
      surveyId: survey.id,
      clientId: cid(`answer${i}`),
      userId: a.userId,
      score: a.score,
      category: categorize(a.score),
      factors: a.factors ?? {},
      comment: a.comment ?? null,
      locale: 'en',
      url: 'https://app.acme.test/invoices',
      attributes: a.attributes ?? null,
      openFollowup: a.score <= survey.detractorThreshold,
      at: new Date(now - a.daysAgo * DAY_MS),
    });
  }
}

type EventWithoutId = ClientEvent extends infer E ? (E extends ClientEvent ? Omit<E, 'id'> : never) : never;

/** Widget events sent through the client API, as the widget sends them. */
export async function sendEvents(t: TestServer, project: Project, events: EventWithoutId[]): Promise<void> {
  const res = await t.app.request(
    `/api/v1/client/${project.key}/events`,
    postInit({ events: events.map((event, i) => ({ ...event, id: cid(`event${i}-${event.userId}`) })) }),
  );
  if (res.status !== 202) throw new Error(`events: ${res.status} ${await res.text()}`);
}
