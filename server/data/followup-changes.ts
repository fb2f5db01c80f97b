import type { FollowupHistoryEntry, FollowupPatch, FollowupStatus } from '../../shared/schemas/followup.ts';

/** A history entry before it is stamped with time and actor. */
export type FollowupChange = Pick<FollowupHistoryEntry, 'action' | 'note'> & { from: string | null; to: string | null };

/**
 * What a patch really changes, one entry per change, so the history says which customer was
 * handled when, and how. Setting a value it already has is no change and leaves no entry.
 */
export function followupChanges(current: { status: FollowupStatus; assignee: string | null }, patch: FollowupPatch): FollowupChange[] {
  const changes: FollowupChange[] = [];
  if (patch.status !== undefined && patch.status !== current.status) {
    changes.push({ action: 'status', from: current.status, to: patch.status });
  }
  if (patch.assignee !== undefined && patch.assignee !== current.assignee) {
    changes.push({ action: 'assignee', from: current.assignee, to: patch.assignee });
  }
  if (patch.note !== undefined) changes.push({ action: 'note', from: null, to: null, note: patch.note });
  return changes;
}
