import type { FollowupHistoryEntry, FollowupPatch, FollowupStatus } from '../../shared/schemas/followup.ts';

/** A history entry before it is stamped with time and actor. */
export type FollowupChange = Pick<FollowupHistoryEntry, 'action' | 'note'> & { from: string | null; to: string | null };

/** What a change compares against: the stored values, the due date as an ISO time. */
export interface FollowupState {
  status: FollowupStatus;
  assignee: string | null;
  dueAt: string | null;
}

/**
 * What a patch really changes, one entry per change, so the history says which customer was
 * handled when, and how. Setting a value it already has is no change and leaves no entry; due
 * dates are compared as instants (`…+09:00` and the same time in `Z` are one value).
 */
export function followupChanges(current: FollowupState, patch: FollowupPatch): FollowupChange[] {
  const changes: FollowupChange[] = [];
  if (patch.status !== undefined && patch.status !== current.status) {
    changes.push({ action: 'status', from: current.status, to: patch.status });
  }
  if (patch.assignee !== undefined && patch.assignee !== current.assignee) {
    changes.push({ action: 'assignee', from: current.assignee, to: patch.assignee });
  }
  if (patch.dueAt !== undefined) {
    const dueAt = patch.dueAt === null ? null : new Date(patch.dueAt).toISOString();
    if (dueAt !== current.dueAt) changes.push({ action: 'due', from: current.dueAt, to: dueAt });
  }
  if (patch.note !== undefined) changes.push({ action: 'note', from: null, to: null, note: patch.note });
  return changes;
}
