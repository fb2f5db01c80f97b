import type { ErrorBody } from '../shared/schemas/common.ts';

/** The admin API's mount point on the server. */
export const ADMIN = '/api/v1/admin';

export interface ApiSettings {
  /** Origin of the server (`''`: the page's own, as in production; tests point it at an in-process server). */
  baseUrl: string;
  /** Sent with every request (tests pass `Authorization: Bearer …`). */
  headers: Record<string, string>;
  /** Called when an admin request answers 401: the session has ended. */
  onUnauthorized: () => void;
}

const settings: ApiSettings = { baseUrl: '', headers: {}, onUnauthorized: () => {} };

export function configureApi(next: Partial<ApiSettings>): void {
  Object.assign(settings, next);
}

export type Issue = NonNullable<ErrorBody['error']['issues']>[number];

/** A failed request: the server's `{ error: { code, message, issues? } }`, or `network` when nothing came back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    /** From a 429's `Retry-After`: how long to wait before trying again; null when not said. */
    readonly retryAfterSeconds: number | null = null,
    /** From a DELETE's 409 `has_answers`: how many answers deleting it anyway (`?force=true`) takes with it. */
    readonly answers: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field path (`touchpoints.0.key`) → message, to show each next to its field. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.issues.map((issue) => [issue.path, issue.message]));
  }
}

/** Anything a request may throw, as an ApiError. */
export const toApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'client', error instanceof Error ? error.message : String(error)));

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `path?query` without the empty parameters. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The server's origin, as the widget snippet must name it. */
export const serverOrigin = () => settings.baseUrl || window.location.origin;

/** An absolute URL on the server, for links (CSV downloads) rather than fetches. */
export const serverUrl = (path: string, query?: Query) => settings.baseUrl + withQuery(path, query);

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const error = body?.error as (Partial<ErrorBody['error']> & { answers?: unknown }) | undefined;
  const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
  return new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? `${res.status} ${res.statusText}`, error?.issues, Number.isFinite(retryAfter) ? retryAfter : null, typeof error?.answers === 'number' ? error.answers : null);
}

/** One JSON request to the server with the session cookie; throws ApiError for anything but 2xx. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...settings.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(settings.baseUrl + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', toApiError(error).message);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && path.startsWith(ADMIN) && path !== `${ADMIN}/me`) settings.onUnauthorized();
    throw error;
  }
  // Some answers carry no body (204, and the 202 of a retried delivery).
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The admin API, paths relative to its mount point. */
export const admin = {
  get: <T>(path: string, query?: Query) => request<T>('GET', ADMIN + withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', ADMIN + path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', ADMIN + path, body),
  delete: <T>(path: string) => request<T>('DELETE', ADMIN + path),
};
