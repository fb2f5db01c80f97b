import type { FollowupStatus } from '../../shared/schemas/followup.ts';

/** Business days a new follow-up gets before it is overdue. */
export const FOLLOWUP_DUE_BUSINESS_DAYS = 2;

const DAY_MS = 86_400_000;

/**
 * `at` moved forward by `days` business days (Monday to Friday, in UTC; no public holidays),
 * keeping the time of day: Friday 15:00 + 2 → Tuesday 15:00, Saturday or Sunday + 2 → Tuesday.
 */
export function addBusinessDays(at: Date, days: number): Date {
  let ms = at.getTime();
  for (let left = days; left > 0; ) {
    ms += DAY_MS;
    const weekday = new Date(ms).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(ms);
}

/** When a follow-up opened by an answer at `answeredAt` is due. */
export const followupDueAt = (answeredAt: Date): Date => addBusinessDays(answeredAt, FOLLOWUP_DUE_BUSINESS_DAYS);

/** Not resolved and past its due date at `now` (ms); one without a due date is never overdue. */
export const isOverdue = (status: FollowupStatus, dueAt: number | null, now: number): boolean => status !== 'resolved' && dueAt !== null && dueAt < now;
