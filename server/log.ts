import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };

/** The request id of the request being handled, carried through its async work (see `withRequestId`). */
const requestIds = new AsyncLocalStorage<string>();

/**
 * Runs `work` as part of the request `requestId`: every line logged meanwhile, by us or by
 * better-auth through our logger, carries `requestId`.
 */
export const withRequestId = <T>(requestId: string, work: () => T): T => requestIds.run(requestId, work);

// drizzle's query errors put the bound values (session tokens, e-mails, answers) in their
// message, stack and `params`; the SQL itself has only placeholders.
const BOUND_VALUES = /\nparams: [\s\S]*?(?=\n {4}at |$)/;

/**
 * An error as a log field: type, message, code, stack and cause, and nothing else (other own
 * properties, such as drizzle's `params`, can hold secrets).
 */
function errorField(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message.replace(BOUND_VALUES, '\nparams: [redacted]'),
    ...(code === undefined ? {} : { code }),
    stack: error.stack?.replace(BOUND_VALUES, '\nparams: [redacted]'),
    ...(error.cause !== undefined && depth < 3 ? { cause: errorField(error.cause, depth + 1) } : {}),
  };
}

export interface LoggerOptions {
  /** Where the JSON lines go. @default stdout */
  destination?: DestinationStream;
  /** @default 'info'; `'silent'` logs nothing */
  level?: Level | 'silent';
}

/**
 * The server's one logger: JSON lines (pino), so no text from a request can start a line of its
 * own (newlines and control characters inside values are escaped). Lines logged while a request
 * is handled carry its `requestId`. Headers and bodies are never logged; the redaction below is a
 * safety net for a future log call that passes them.
 * @example const logger = createLogger(); logger.info({ url }, 'Kizuna listening');
 */
export function createLogger({ destination, level = 'info' }: LoggerOptions = {}): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const requestId = requestIds.getStore();
      return requestId === undefined ? {} : { requestId };
    },
    serializers: { err: errorField },
    redact: {
      paths: ['headers.authorization', 'headers.cookie', 'headers["set-cookie"]', 'password', '*.password', 'token', '*.token'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The `(message, error)` callback that better-auth's wiring (server/auth/auth.ts) and the
 * scheduler take, writing to `logger` at error level.
 */
export const errorLogger =
  (logger: Logger) =>
  (message: string, error: unknown): void =>
    logger.error({ err: error }, message);
