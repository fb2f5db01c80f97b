import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { startScheduler, type Job, type Scheduler } from '../../server/scheduler/runner.ts';
import { makeTempDir } from './helpers.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('scheduler (leased jobs)', () => {
  let dir: string;
  let store: Store;
  let clock: number;
  const schedulers: Scheduler[] = [];
  const log = vi.fn();

  beforeEach(() => {
    dir = makeTempDir();
    store = openSqliteStore(join(dir, 'kizuna.sqlite'));
    clock = Date.parse('2026-12-06T00:00:00Z');
    log.mockClear();
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A scheduler on the shared clock, as one server instance; its timer is far off so tests tick by hand. */
  const instance = (jobs: Job[], owner: string, leaseMs = 10 * MINUTE) => {
    const scheduler = startScheduler({ leases: store.jobs, jobs, log, owner, leaseMs, tickMs: HOUR, now: () => new Date(clock) });
    schedulers.push(scheduler);
    return scheduler;
  };

  const counting = (run: Job['run'] = async () => {}) => {
    const runs: string[] = [];
    const job = (who: string): Job => ({
      name: 'retention',
      intervalMs: HOUR,
      run: async (now) => {
        runs.push(`${who}@${now.toISOString()}`);
        return run(now);
      },
    });
    return { runs, job };
  };

  it('runs a due job on one instance only, then not again until its interval has passed', async () => {
    const { runs, job } = counting();
    const a = instance([job('a')], 'a');
    const b = instance([job('b')], 'b');
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    clock += HOUR - 1;
    await Promise.all([a.tick(), b.tick()]);
    expect(runs).toHaveLength(1);
    clock += 1;
    await Promise.all([b.tick(), a.tick()]);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatch(/@2026-12-06T01:00:00.000Z$/);
  });

  it('does not overlap its own ticks: a tick during a run claims nothing', async () => {
    let release!: () => void;
    const { runs, job } = counting(() => new Promise<void>((resolve) => (release = resolve)));
    const claim = vi.spyOn(store.jobs, 'claim');
    const a = instance([job('a')], 'a');
    const first = a.tick();
    await vi.waitFor(() => expect(runs).toHaveLength(1));
    const second = a.tick();
    release();
    await Promise.all([first, second]);
    expect(claim).toHaveBeenCalledTimes(1);
    expect(runs).toHaveLength(1);
  });

  it('takes over a run whose instance crashed once the lease has expired', async () => {
    // Instance a claims the job and dies mid-run: its run never ends and it never releases.
    const { runs, job } = counting();
    const crashed = counting(() => new Promise<void>(() => {}));
    void instance([crashed.job('a')], 'a').tick();
    await vi.waitFor(() => expect(crashed.runs).toHaveLength(1));
    schedulers.pop();

    const b = instance([job('b')], 'b');
    clock += 10 * MINUTE - 1;
    await b.tick();
    expect(runs).toEqual([]);
    clock += 1;
    await b.tick();
    expect(runs).toEqual(['b@2026-12-06T00:10:00.000Z']);
  });

  it('logs a failed run and tries it again at the next tick', async () => {
    let fail = true;
    const { runs, job } = counting(async () => {
      if (fail) throw new Error('disk full');
    });
    const a = instance([job('a')], 'a');
    await a.tick();
    expect(log).toHaveBeenCalledWith('scheduled job retention failed', expect.objectContaining({ message: 'disk full' }));
    fail = false;
    clock += MINUTE;
    await a.tick();
    expect(runs).toHaveLength(2);
    clock += MINUTE;
    await a.tick();
    expect(runs).toHaveLength(2);
  });

  it('ticks on its timer, and stop() waits for the run in progress', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let finished = false;
      let release!: () => void;
      const scheduler = startScheduler({
        leases: store.jobs,
        jobs: [{ name: 'retention', intervalMs: HOUR, run: () => new Promise<void>((resolve) => (release = resolve)).then(() => void (finished = true)) }],
        log,
        tickMs: MINUTE,
        now: () => new Date(clock),
      });
      vi.advanceTimersByTime(MINUTE);
      await vi.waitFor(() => expect(release).toBeDefined());
      const stopped = scheduler.stop();
      setTimeout(release, 10);
      await stopped;
      expect(finished).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
