import type { Store } from '../data/store.ts';
import type { Job } from '../scheduler/runner.ts';
import { overdueEvent } from './events.ts';

/** Looked for every minute: a follow-up's `followup.overdue` goes out within a minute of its due time. */
export const OVERDUE_INTERVAL_MS = 60_000;
/** Settings key: due times up to this instant (ms) have been looked at. */
export const OVERDUE_SCANNED_SETTING = 'followup_overdue_scanned_until';
/** Each run looks a little behind where the last stopped: a follow-up committed late with an earlier due time is not missed (the event's key keeps it once). */
const OVERLAP_MS = 5 * 60_000;
/** On a database never scanned, how far back due times count (older ones are not news). */
const FIRST_LOOKBACK_MS = 24 * 60 * 60_000;

/**
 * `followup.overdue`, once per follow-up and due date, for those whose due time has passed while
 * still open or in progress. The job runs on one server at a time (the scheduler's lease) and
 * each event carries the key `<id>:<due time>`, so a second run or a second server writes nothing twice.
 */
export function overdueJob(store: Store, { publicUrl, wake }: { publicUrl: string; wake: () => void }): Job {
  return {
    name: 'followup-overdue',
    intervalMs: OVERDUE_INTERVAL_MS,
    async run(now) {
      const scanned = Number((await store.settings.get(OVERDUE_SCANNED_SETTING)) ?? now.getTime() - FIRST_LOOKBACK_MS);
      const after = new Date(scanned - OVERLAP_MS);
      let emitted = 0;
      for (const project of await store.projects.list({ archived: 'include' })) {
        for (const followup of await store.followups.dueBetween(project.id, after, now)) {
          if ((await store.outbox.emit(overdueEvent(followup, publicUrl))) !== null) emitted++;
        }
      }
      await store.settings.set(OVERDUE_SCANNED_SETTING, String(now.getTime()));
      if (emitted > 0) wake();
      return emitted;
    },
  };
}
