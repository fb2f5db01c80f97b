import { z } from 'zod';
import { CATEGORIES, SCORE_MAX, SCORE_MIN } from '../score.ts';
import { isoDate, pageQuery, timeRangeQuery } from './common.ts';

export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export const followupStatus = z.enum(FOLLOWUP_STATUSES);
export type FollowupStatus = z.infer<typeof followupStatus>;

export const followupPatch = z
  .object({
    status: followupStatus.optional(),
    /** Who works it: the e-mail of an existing, enabled console account (the API checks); null unassigns. */
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    /** When it should be handled by; null clears it. */
    dueAt: isoDate.nullable().optional(),
    note: z.string().trim().min(1).max(5000).optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one of status, assignee, dueAt, note');
export type FollowupPatch = z.infer<typeof followupPatch>;

export const followupHistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['created', 'status', 'assignee', 'due', 'note']),
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
  /** Set to 2 business days (Mon–Fri, UTC) after the answer when the follow-up opens; null when cleared. */
  dueAt: z.string().nullable(),
  /** Not resolved and past `dueAt`. */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  response: z.object({
    score: z.number(),
    category: z.enum(CATEGORIES),
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

/** Another answer of the same user in the project, shown beside a follow-up. */
export const userResponse = z.object({
  /** The widget's id of the answer (as `responseId` of follow-ups). */
  id: z.string(),
  surveyId: z.string(),
  score: z.number(),
  category: z.enum(CATEGORIES),
  comment: z.string().nullable(),
  factors: z.record(z.string(), z.number()),
  createdAt: z.string(),
});
export type UserResponse = z.infer<typeof userResponse>;

/** One follow-up as read or changed on its own: with the user's other answers in the project, newest first (at most 20). */
export const followupDetail = followup.extend({ earlierResponses: z.array(userResponse) });
export type FollowupDetail = z.infer<typeof followupDetail>;

export const FOLLOWUP_SORTS = ['newest', 'oldest', 'due', 'score'] as const;
export type FollowupSort = (typeof FOLLOWUP_SORTS)[number];

const score = z.coerce.number().int().min(SCORE_MIN).max(SCORE_MAX);

/**
 * The inbox query, keyset-paginated by the opaque `nextCursor` of the previous page (a cursor
 * belongs to its sort). `from`/`to` bound the answer's time; `assignee=none` lists unassigned ones.
 * Sorts: `newest` (default) and `oldest` by answer time, `due` soonest first (no due date last),
 * `score` lowest first (oldest first within a score).
 */
export const followupListQuery = timeRangeQuery.extend({
  status: followupStatus.optional(),
  assignee: z.string().trim().min(1).max(200).optional(),
  minScore: score.optional(),
  maxScore: score.optional(),
  /** `true`: only those not resolved and past their due date. */
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(FOLLOWUP_SORTS).default('newest'),
  ...pageQuery.shape,
});
export type FollowupListQuery = z.input<typeof followupListQuery>;

/** Follow-ups per status under the same filters but the status one (for tab badges). */
export const followupCounts = z.object({ open: z.number(), in_progress: z.number(), resolved: z.number() });
export type FollowupCounts = z.infer<typeof followupCounts>;

export const followupPage = z.object({ items: z.array(followup), nextCursor: z.string().nullable(), counts: followupCounts });
export type FollowupPage = z.infer<typeof followupPage>;
