import { z } from 'zod';

export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export const followupStatus = z.enum(FOLLOWUP_STATUSES);
export type FollowupStatus = z.infer<typeof followupStatus>;

export const followupPatch = z
  .object({
    status: followupStatus.optional(),
    /** Who works it (name or e-mail); null unassigns. */
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    note: z.string().trim().min(1).max(5000).optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one of status, assignee, note');
export type FollowupPatch = z.infer<typeof followupPatch>;

export const followupHistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['created', 'status', 'assignee', 'note']),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  note: z.string().optional(),
});
export type FollowupHistoryEntry = z.infer<typeof followupHistoryEntry>;

export const followup = z.object({
  id: z.string(),
  projectId: z.string(),
  surveyId: z.string(),
  responseId: z.string(),
  userId: z.string(),
  status: followupStatus,
  assignee: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  response: z.object({
    score: z.number(),
    category: z.enum(['detractor', 'passive', 'promoter']),
    factors: z.record(z.string(), z.number()),
    comment: z.string().nullable(),
    locale: z.string().nullable(),
    url: z.string().nullable(),
    createdAt: z.string(),
  }),
  attributes: z.record(z.string(), z.unknown()),
  history: z.array(followupHistoryEntry),
});
export type Followup = z.infer<typeof followup>;

export const FOLLOWUP_PAGE_SIZE = { default: 50, max: 200 } as const;

/** The inbox query: newest first, keyset-paginated by the opaque `nextCursor` of the previous page. */
export const followupListQuery = z.object({
  status: followupStatus.optional(),
  limit: z.coerce.number().int().min(1).max(FOLLOWUP_PAGE_SIZE.max).default(FOLLOWUP_PAGE_SIZE.default),
  cursor: z.string().max(200).optional(),
});
export type FollowupListQuery = z.input<typeof followupListQuery>;

export const followupPage = z.object({ items: z.array(followup), nextCursor: z.string().nullable() });
export type FollowupPage = z.infer<typeof followupPage>;
