import type { Store } from '../data/store.ts';
import type { Job } from './runner.ts';

/**
 * Hourly: a project's data is then never kept more than an hour past its retention, and each run
 * has at most an hour's worth of rows to delete.
 */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

/** The retention job: deletes old raw events and answers' comments in every project that has retention on. */
export const retentionJob = (store: Store): Job => ({
  name: 'retention',
  intervalMs: RETENTION_INTERVAL_MS,
  run: (now) => store.retention.run(now),
});
