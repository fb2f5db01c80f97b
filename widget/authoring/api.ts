import type { AuthoringSave, AuthoringSession } from '../../shared/schemas/authoring.ts';
import type { ErrorBody } from '../../shared/schemas/common.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import { JSON_TEXT, type FetchLike } from '../endpoints.ts';

/** A refused or failed call: `status` 0 for a network failure; `path` names the field of a 400. */
export class AuthoringError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export interface AuthoringApi {
  /** Trades the link's one-time token for a session. */
  exchange(token: string): Promise<AuthoringSession>;
  guide(session: string): Promise<Guide>;
  save(session: string, body: AuthoringSave): Promise<Guide>;
}

/** The server's authoring API (`/api/v1/authoring`), called from the host page with the session as a bearer token. */
export function authoringApi(base: string, fetch: FetchLike): AuthoringApi {
  const root = `${base}api/v1/authoring`;

  async function call<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(root + path, { ...init, credentials: 'omit' });
    } catch (error) {
      throw new AuthoringError(0, 'network', String(error));
    }
    const body = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
    if (res.ok && body) return body;
    const error = body?.error;
    // The field's own words: the message lists every issue with its raw path ("steps.1.title: …").
    const issue = error?.issues?.[0];
    throw new AuthoringError(res.status, error?.code ?? `http_${res.status}`, issue?.message ?? error?.message ?? res.statusText, issue?.path);
  }
  const bearer = (session: string) => ({ Authorization: `Bearer ${session}` });

  return {
    // text/plain: a simple request, no preflight before the first answer.
    exchange: (token) => call('/sessions', { method: 'POST', headers: { 'Content-Type': JSON_TEXT }, body: JSON.stringify({ token }) }),
    guide: (session) => call('/guide', { headers: bearer(session) }),
    save: (session, body) => call('/guide', { method: 'PUT', headers: { ...bearer(session), 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  };
}
