/** Debug output for integrators; silent unless the script tag has `data-debug`. */
export type Log = (message: string, ...details: unknown[]) => void;

export function createLog(enabled: boolean): Log {
  // A guest in someone else's page: their console is not ours to fill.
  return enabled ? (message, ...details) => console.debug(`[kizuna] ${message}`, ...details) : () => {};
}
