import { createLogger, type Logger } from '../../server/log.ts';

export interface CapturedLog {
  /** A logger writing here, for `makeTestServer({ logger })` or `startServer({ logger })`. */
  logger: Logger;
  /** Everything written, as it would reach stdout. */
  text(): string;
  /** Each line written, parsed (throws when one is not JSON). */
  entries(): Array<Record<string, unknown>>;
}

/** A logger whose output a test can read. */
export function captureLog(): CapturedLog {
  let text = '';
  const logger = createLogger({ destination: { write: (chunk: string) => void (text += chunk) } });
  return {
    logger,
    text: () => text,
    entries: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
