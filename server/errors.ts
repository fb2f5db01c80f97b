import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorBody } from '../shared/schemas/common.ts';
import type { Logger } from './log.ts';

/** One field at fault: a dotted path (`factors.support`, `events.2.surveyId`) and what is wrong. */
export type Issue = { path: string; message: string };

/**
 * At most this many issues are listed in an error; the rest are counted (`omittedIssues`), so a
 * body with thousands of bad keys gets a small answer, not one larger than itself.
 */
export const MAX_LISTED_ISSUES = 20;
/** Paths and messages can quote what was sent (a key): each is cut to this many characters. */
const MAX_ISSUE_TEXT = 200;

const clip = (text: string) => (text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT - 1)}…` : text);

/**
 * An error the API answers with: `{ error: { code, message, issues?, omittedIssues? } }` at `status`.
 * Throw it anywhere in a request; the app's one `onError` turns it into the response.
 * @example throw new ApiError(404, 'survey_not_found', 'no survey "srv_x" in this project', [{ path: 'surveyId', message: 'unknown survey' }]);
 */
export class ApiError extends Error {
  /** The first {@link MAX_LISTED_ISSUES} issues given, each clipped. */
  readonly issues?: Issue[];
  /** How many issues past those were left out; undefined when none were. */
  readonly omittedIssues?: number;

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    issues?: Issue[],
  ) {
    super(message);
    this.name = 'ApiError';
    if (issues) {
      this.issues = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({ path: clip(issue.path), message: clip(issue.message) }));
      if (issues.length > MAX_LISTED_ISSUES) this.omittedIssues = issues.length - MAX_LISTED_ISSUES;
    }
  }
}

/** Zod issues as `{ path: 'factors.support', message }`, the path dotted so clients can show it next to the field. */
function issuesOf(error: ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    // A bad record key reports only "Invalid key in record"; the reason is one level down.
    message: issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message,
  }));
}

const CODE_BY_TARGET: Record<string, string> = { json: 'invalid_body', form: 'invalid_body', query: 'invalid_query', param: 'invalid_path' };

/**
 * An error about particular fields; the message names each listed one, e.g. `score: Too big…; factors.x: …`,
 * then says how many more there are (`…; and 6480 more`).
 */
export function fieldError(status: ContentfulStatusCode, code: string, issues: Issue[]): ApiError {
  const error = new ApiError(status, code, '', issues);
  const listed = error.issues!.map((i) => `${i.path || '(root)'}: ${i.message}`);
  if (error.omittedIssues) listed.push(`and ${error.omittedIssues} more`);
  error.message = listed.join('; ');
  return error;
}

/** The 400 for input that failed its schema in `target` (json, query, param). */
export function invalidInput(target: string, error: ZodError): ApiError {
  return fieldError(400, CODE_BY_TARGET[target] ?? 'invalid_request', issuesOf(error));
}

/** 404 `<kind>_not_found`, e.g. `notFound('survey', id)` → `survey_not_found`. */
export function notFound(kind: 'project' | 'survey' | 'guide' | 'followup' | 'user' | 'webhook' | 'delivery', id: string): ApiError {
  return new ApiError(404, `${kind}_not_found`, `no ${kind} "${id}"`);
}

/** The JSON body every API error has: `{ error: { code, message, issues?, omittedIssues? } }`. */
export const errorJson = (code: string, message: string, issues?: Issue[], omittedIssues?: number): ErrorBody => ({
  error: { code, message, ...(issues ? { issues } : {}), ...(omittedIssues ? { omittedIssues } : {}) },
});

/** Hono's own errors (from zod-openapi's validators) mapped to our codes. */
function fromHttpException(err: HTTPException): ApiError {
  if (err.status === 415) return new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  if (err.status === 400 && /malformed json/i.test(err.message)) return new ApiError(400, 'malformed_json', 'the body is not valid JSON');
  return new ApiError(err.status, 'http_error', err.message || 'request failed');
}

/**
 * The app's single error mapper; anything unexpected is logged (with the request's id, see
 * middleware/request-log.ts) and answered with a bare 500.
 */
export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    const apiError = err instanceof ApiError ? err : err instanceof HTTPException ? fromHttpException(err) : null;
    if (apiError) return c.json(errorJson(apiError.code, apiError.message, apiError.issues, apiError.omittedIssues), apiError.status);
    logger.error({ err, method: c.req.method, path: new URL(c.req.url).pathname }, 'request failed');
    return c.json(errorJson('internal_error', 'internal server error'), 500);
  };
}

/** JSON 404 for every path no router claims. */
export const notFoundHandler: NotFoundHandler = (c) => c.json(errorJson('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
