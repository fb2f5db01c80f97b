import type { Db } from '../db.ts';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs `work` (synchronous statements only) inside the next shared transaction. */
export type GroupCommit = <T>(work: () => T) => Promise<T>;

/**
 * Group commit: writes that arrive within one turn of the event loop run in a single SQLite
 * transaction, each in its own savepoint so one failing write does not undo the others. A commit
 * (and the WAL checkpoints it triggers) is most of a single answer's cost; sharing it across the
 * answers that arrived together is how SQLite keeps up with many widgets at once. Every caller
 * is answered only after the shared commit has succeeded, so an acknowledged write is stored.
 */
export function groupCommit(db: Db): GroupCommit {
  let queue: Job[] = [];

  const flush = () => {
    const jobs = queue;
    queue = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.transaction((tx) => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, value: tx.transaction(() => job.work()) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  };

  return function write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  };
}
