import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { ErrorBody } from '../shared/schemas/common.ts';

/** One field at fault: a dotted path (`factors.support`, `events.2.surveyId`) and what is wrong. */
export type Issue = { path: string; message: string };

/**
 * An error the API answers with: `{ error: { code, message, issues? } }` at `status`.
 * Throw it anywhere in a request; the app's one `onError` turns it into the response.
 * @example throw new ApiError(404, 'survey_not_found', 'no survey "srv_x" in this project', [{ path: 'surveyId', message: 'unknown survey' }]);
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'ApiError';
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

/** An error about particular fields; the message names each, e.g. `score: Too big…; factors.x: …`. */
export function fieldError(status: ContentfulStatusCode, code: string, issues: Issue[]): ApiError {
  return new ApiError(status, code, issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '), issues);
}

/** The 400 for input that failed its schema in `target` (json, query, param). */
export function invalidInput(target: string, error: ZodError): ApiError {
  return fieldError(400, CODE_BY_TARGET[target] ?? 'invalid_request', issuesOf(error));
}

/** 404 `<kind>_not_found`, e.g. `notFound('survey', id)` → `survey_not_found`. */
export function notFound(kind: 'project' | 'survey' | 'guide' | 'followup', id: string): ApiError {
  return new ApiError(404, `${kind}_not_found`, `no ${kind} "${id}"`);
}

/** The JSON body every API error has: `{ error: { code, message, issues? } }`. */
export const errorJson = (code: string, message: string, issues?: Issue[]): ErrorBody => ({ error: issues ? { code, message, issues } : { code, message } });

/** Hono's own errors (from zod-openapi's validators) mapped to our codes. */
function fromHttpException(err: HTTPException): ApiError {
  if (err.status === 415) return new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  if (err.status === 400 && /malformed json/i.test(err.message)) return new ApiError(400, 'malformed_json', 'the body is not valid JSON');
  return new ApiError(err.status, 'http_error', err.message || 'request failed');
}

/** The app's single error mapper; anything unexpected is logged and answered with a bare 500. */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorHandler {
  return (err, c) => {
    const apiError = err instanceof ApiError ? err : err instanceof HTTPException ? fromHttpException(err) : null;
    if (apiError) return c.json(errorJson(apiError.code, apiError.message, apiError.issues), apiError.status);
    log(`${c.req.method} ${c.req.path} failed`, err);
    return c.json(errorJson('internal_error', 'internal server error'), 500);
  };
}

/** JSON 404 for every path no router claims. */
export const notFoundHandler: NotFoundHandler = (c) => c.json(errorJson('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
