import type { Log } from './log.ts';

/** The public API, exactly: `kizuna(command, ...args)` runs one of these and ignores anything else. */
export const COMMANDS = ['identify', 'reset', 'show', 'track'] as const;
export type Command = (typeof COMMANDS)[number];
export type CommandHandlers = Record<Command, (...args: unknown[]) => void>;
export type Kizuna = (command: unknown, ...args: unknown[]) => void;

/** Marks our `kizuna` so a second copy of the loader on the same page stands down. */
const INSTALLED = Symbol.for('kizuna.installed');

export function createKizuna(handlers: CommandHandlers, log: Log): Kizuna {
  const kizuna: Kizuna = (command, ...args) => {
    if (!COMMANDS.includes(command as Command)) return log('unknown command', command);
    try {
      handlers[command as Command](...args);
    } catch (error) {
      log(`${String(command)} failed`, error);
    }
  };
  Object.defineProperty(kizuna, INSTALLED, { value: true });
  return kizuna;
}

export function isInstalled(value: unknown): boolean {
  return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[INSTALLED] === true;
}

/** The snippet's stub: a function that queues its `arguments` in `q` until we load. */
interface Stub {
  q?: ArrayLike<unknown>[];
}

/**
 * Puts `kizuna` in place of the snippet's stub and replays what the page queued before we
 * loaded, in order, from a snapshot: commands may call `kizuna` again while replaying, and
 * iterating the live queue can then loop forever. The stub's queue is emptied so nothing
 * replays it twice.
 */
export function installKizuna(win: Window & { kizuna?: unknown }, kizuna: Kizuna): void {
  const stub = win.kizuna as Stub | undefined;
  const queued = Array.isArray(stub?.q) ? stub.q.slice() : [];
  if (stub?.q) stub.q = [];
  win.kizuna = kizuna;
  for (const args of queued) {
    const [command, ...rest] = Array.from(args);
    kizuna(command, ...rest);
  }
}
