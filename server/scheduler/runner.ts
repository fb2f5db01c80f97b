import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobRepository } from '../data/store.ts';

/** A periodic job: run at most once per `intervalMs` across every server on the database. */
export interface Job {
  /** Its row in `scheduled_jobs`. */
  name: string;
  intervalMs: number;
  /** Does the work; `now` is the scheduler's clock at the claim. A throw is logged and the job is due again next tick. */
  run(now: Date): Promise<unknown>;
}

export interface SchedulerTiming {
  /** How often due jobs are looked for. @default 60_000 */
  tickMs?: number;
  /** How long a claim holds a job: a run cut off by a crash is taken over once it ends. @default 900_000 */
  leaseMs?: number;
  /** The clock. @default () => new Date() */
  now?: () => Date;
}

export interface SchedulerOptions extends SchedulerTiming {
  leases: JobRepository;
  jobs: readonly Job[];
  /** Where a failed run goes. */
  log: (message: string, error: unknown) => void;
  /** Who holds the leases this scheduler takes. @default host, pid and a random part */
  owner?: string;
}

export interface Scheduler {
  /** Claims and runs every due job once (what the timer does); resolves when they are done. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

const DEFAULT_TICK_MS = 60_000;
const DEFAULT_LEASE_MS = 15 * 60_000;

/**
 * Starts a leased job runner: every `tickMs` (on a timer that does not keep the process alive)
 * it claims each due job (store.jobs.claim, atomic across processes) and runs only the ones it
 * won. Ticks never overlap in one process; the first comes one `tickMs` after start.
 * @example const scheduler = startScheduler({ leases: store.jobs, jobs: [retentionJob(store)], log });
 */
export function startScheduler({
  leases,
  jobs,
  log,
  tickMs = DEFAULT_TICK_MS,
  leaseMs = DEFAULT_LEASE_MS,
  now = () => new Date(),
  owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
}: SchedulerOptions): Scheduler {
  let running: Promise<void> | null = null;

  const runDue = async () => {
    for (const job of jobs) {
      const at = now();
      if (!(await leases.claim(job.name, owner, at, leaseMs, job.intervalMs))) continue;
      try {
        await job.run(at);
        await leases.release(job.name, owner, at);
      } catch (error) {
        log(`scheduled job ${job.name} failed`, error);
        await leases.release(job.name, owner, null);
      }
    }
  };

  const tick = () => {
    running ??= runDue()
      .catch((error: unknown) => log('scheduler tick failed', error))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), tickMs).unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
