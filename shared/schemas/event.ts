import { z } from 'zod';
import { clientId, userId } from './common.ts';
import { EVENT_TYPES } from '../limits.ts';

export type EventType = (typeof EVENT_TYPES)[number];

export const clientEvent = z.object({
  id: clientId,
  type: z.enum(EVENT_TYPES),
  surveyId: z.string().min(1).max(64),
  userId,
  /** When it happened on the client (ms since epoch); the server clamps it to its own clock. */
  at: z.number().int().positive().optional(),
});
export type ClientEvent = z.infer<typeof clientEvent>;

export const eventBatch = z.object({ events: z.array(clientEvent).min(1).max(50) });
export type EventBatch = z.infer<typeof eventBatch>;

/** Every event of the batch is stored (new, or already known from an earlier send). */
export const eventsAccepted = z.object({ accepted: z.number().int() });
