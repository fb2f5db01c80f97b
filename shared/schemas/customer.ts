import { z } from 'zod';
import { CATEGORIES } from '../score.ts';
import { followupHistoryEntry, followupStatus } from './followup.ts';

// Privacy requests about one end-user of a project (APPI / GDPR): everything stored about them
// as one JSON document, and its erasure. Times are ISO strings.

const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Everything Kizuna stores about one end-user of a project. */
export const customerExport = z.object({
  projectId: z.string(),
  userId: z.string(),
  exportedAt: z.string(),
  /** The latest `identify` attributes and when the user was first and last seen; null when never identified. */
  profile: z.object({ attributes: z.record(z.string(), attributeValue), firstSeen: z.string(), lastSeen: z.string() }).nullable(),
  /** Their answers, oldest first, with touchpoint answers, comment and the attributes sent with each. */
  responses: z.array(
    z.object({
      id: z.string(),
      surveyId: z.string(),
      score: z.number(),
      category: z.enum(CATEGORIES),
      factors: z.record(z.string(), z.number()),
      comment: z.string().nullable(),
      locale: z.string().nullable(),
      url: z.string().nullable(),
      attributes: z.record(z.string(), attributeValue).nullable(),
      createdAt: z.string(),
    }),
  ),
  /** Their widget events, oldest first. */
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      surveyId: z.string().nullable(),
      guideId: z.string().nullable(),
      stepIndex: z.number().nullable(),
      name: z.string().nullable(),
      props: z.record(z.string(), attributeValue).nullable(),
      at: z.string(),
    }),
  ),
  /** Where they are in each guide they started. */
  guideProgress: z.array(z.object({ guideId: z.string(), stepIndex: z.number(), status: z.string(), updatedAt: z.string() })),
  /** Follow-ups of their answers, with their whole history (notes included). */
  followups: z.array(
    z.object({
      id: z.string(),
      responseId: z.string(),
      status: followupStatus,
      assignee: z.string().nullable(),
      dueAt: z.string().nullable(),
      createdAt: z.string(),
      history: z.array(followupHistoryEntry),
    }),
  ),
});
export type CustomerExport = z.infer<typeof customerExport>;

/** What one erasure removed: rows deleted or anonymised, per kind. */
export const erasureSummary = z.object({
  /** Answers kept as anonymous score rows (new random user id each; comment, url, locale, attributes cleared). */
  responses: z.number().int(),
  events: z.number().int(),
  /** 1 when the `identify` attributes were stored, else 0. */
  profile: z.number().int(),
  guideProgress: z.number().int(),
  /** Notes removed from the history of their follow-ups. */
  notes: z.number().int(),
  /** Webhook and mail events about them, removed with their deliveries (sent or not: their data is in them). */
  messages: z.number().int(),
});
export type ErasureSummary = z.infer<typeof erasureSummary>;

/** One entry of a project's erasure log: who erased which user id, when, and how much. */
export const erasure = z.object({
  id: z.string(),
  userId: z.string(),
  actor: z.string(),
  at: z.string(),
  erased: erasureSummary,
});
export type Erasure = z.infer<typeof erasure>;
