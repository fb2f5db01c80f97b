import { z } from 'zod';
import { clientId, userAttributes, userId } from './common.ts';
import { EVENT_NAME_PATTERN, GUIDE_EVENT_TYPES, GUIDE_STEPS_MAX, GUIDE_STEP_EVENT_TYPES, SURVEY_EVENT_TYPES, TRACK_EVENT_TYPE } from '../limits.ts';

const common = {
  id: clientId,
  userId,
  /** When it happened on the client (ms since epoch); the server clamps it to its own clock. */
  at: z.number().int().positive().optional(),
};
const guideId = z.string().min(1).max(64);

export const surveyEvent = z.object({ ...common, type: z.enum(SURVEY_EVENT_TYPES), surveyId: z.string().min(1).max(64) });
export type SurveyEvent = z.infer<typeof surveyEvent>;
export const guideEvent = z.object({ ...common, type: z.enum(GUIDE_EVENT_TYPES), guideId });
export const guideStepEvent = z.object({
  ...common,
  type: z.enum(GUIDE_STEP_EVENT_TYPES),
  guideId,
  stepIndex: z.number().int().min(0).max(GUIDE_STEPS_MAX - 1),
});
/** `kizuna('track', name, props)`: fires event triggers and is kept for later analysis. */
export const trackEvent = z.object({
  ...common,
  type: z.literal(TRACK_EVENT_TYPE),
  name: z.string().regex(EVENT_NAME_PATTERN, 'must be 1–64 characters of A–Z a–z 0–9 _ . : -'),
  props: userAttributes.optional(),
});

export const clientEvent = z.discriminatedUnion('type', [surveyEvent, guideEvent, guideStepEvent, trackEvent]);
export type ClientEvent = z.infer<typeof clientEvent>;
export type EventType = ClientEvent['type'];

export const eventBatch = z.object({ events: z.array(clientEvent).min(1).max(50) });
export type EventBatch = z.infer<typeof eventBatch>;

/** Every event of the batch is stored (new, or already known from an earlier send). */
export const eventsAccepted = z.object({ accepted: z.number().int() });
