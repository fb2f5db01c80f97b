import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ADDRESS_FORBIDDEN, guardedLookup, type Resolve } from './address-guard.ts';
import { parseRetryAfter } from './retry-after.ts';
import { checkWebhookUrl } from './url-rules.ts';

/** How much of a receiver's answer is kept for the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** The whole attempt — connecting, sending, the answer's head and excerpt — must fit in this. */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

const USER_AGENT = 'Kizuna-Webhooks/1';

/**
 * What became of one attempt:
 * - `delivered`: a 2xx answer;
 * - `gone`: 410, the receiver asks us to stop (the caller deactivates the endpoint);
 * - `retry`: any other answer (3xx included: redirects are not followed), a network error or the timeout;
 * - `failed`: retrying cannot help — the URL is refused or resolves to a forbidden address.
 */
export type SendOutcome = 'delivered' | 'retry' | 'gone' | 'failed';

/** One attempt, as the delivery log shows it. */
export type SendResult = {
  outcome: SendOutcome;
  /** The HTTP status, when the receiver answered. */
  status?: number;
  /** What went wrong without an answer: `connect ECONNREFUSED 127.0.0.1:443`, `no answer within 10000 ms`, … */
  error?: string;
  /** Its stable code: `ECONNREFUSED`, `ETIMEDOUT`, `ERR_ADDRESS_FORBIDDEN`, `ERR_INSECURE_URL`, … */
  errorCode?: string;
  /** From the start of the attempt to its outcome. */
  durationMs: number;
  /** The first {@link RESPONSE_EXCERPT_BYTES} bytes of the answer's body as text ('' without one). */
  responseExcerpt: string;
  /** What the answer's `Retry-After` asked for, on a `retry`. */
  retryAfterMs?: number;
};

/** Options of {@link sendWebhook}. */
export type SendWebhookOptions = {
  url: string;
  /** The JSON body, sent byte for byte as signed. */
  body: string;
  /** Usually the signature headers from `signWebhook`. */
  headers: Record<string, string>;
  timeoutMs?: number;
  /** `KIZUNA_WEBHOOK_ALLOW_PRIVATE=1`: allow `http:` and addresses on private networks. */
  allowPrivate: boolean;
  /** Where host names are resolved (the system resolver unless given); the address guard applies to its answers either way. */
  resolve?: Resolve;
};

type Verdict = Omit<SendResult, 'durationMs'>;

function answerVerdict(status: number, headers: IncomingHttpHeaders, responseExcerpt: string): Verdict {
  if (status >= 200 && status < 300) return { outcome: 'delivered', status, responseExcerpt };
  if (status === 410) return { outcome: 'gone', status, responseExcerpt };
  const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
  return { outcome: 'retry', status, responseExcerpt, ...(retryAfterMs !== undefined && { retryAfterMs }) };
}

function errorVerdict(error: NodeJS.ErrnoException): Verdict {
  const errorCode = error.code ?? 'ERR_NETWORK';
  // A forbidden address stays forbidden: retrying would only knock on the same door.
  return { outcome: errorCode === ADDRESS_FORBIDDEN ? 'failed' : 'retry', error: error.message, errorCode, responseExcerpt: '' };
}

/**
 * POSTs one webhook attempt and says what became of it; it never throws for what the network or
 * the receiver does. The URL is checked again (`checkWebhookUrl`) and every address connected to
 * passes the address guard, unless `allowPrivate`. Redirects are not followed, and only the first
 * {@link RESPONSE_EXCERPT_BYTES} bytes of the answer are read before the connection is dropped, so
 * a receiver streaming without end costs neither memory nor time.
 * @example
 * const result = await sendWebhook({ url: endpoint.url, body, headers: signWebhook({ id, body, secrets }), allowPrivate });
 * if (result.outcome === 'retry') nextAttemptAt({ attemptsMade, lastAttemptAt, retryAfterMs: result.retryAfterMs });
 */
export function sendWebhook({ url, body, headers, timeoutMs = DEFAULT_SEND_TIMEOUT_MS, allowPrivate, resolve }: SendWebhookOptions): Promise<SendResult> {
  const started = performance.now();
  const measured = (verdict: Verdict): SendResult => ({ ...verdict, durationMs: Math.round(performance.now() - started) });

  const checked = checkWebhookUrl(url, { allowPrivate });
  if (!checked.ok) return Promise.resolve(measured({ outcome: 'failed', error: checked.problem.message, errorCode: checked.problem.code, responseExcerpt: '' }));
  const target = checked.url;

  return new Promise((settle) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let request: http.ClientRequest | undefined;
    const finish = (verdict: Verdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request?.destroy();
      settle(measured(verdict));
    };
    // Before the answer's head, an error or the deadline means no answer; after it, the status
    // stands and whatever of the body has arrived is the excerpt.
    let onInterrupted = (error: NodeJS.ErrnoException) => finish(errorVerdict(error));

    try {
      request = (target.protocol === 'https:' ? https : http).request(
        target,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: guardedLookup({ allowPrivate, ...(resolve && { resolve }) }),
          // A fresh connection per attempt: a pooled one may have been opened under other rules
          // (another `allowPrivate`), or to an address the name no longer resolves to.
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let received = 0;
          const answered = () => {
            const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES);
            // `stream: true` holds back a character cut in half at the limit instead of mangling it.
            finish(answerVerdict(response.statusCode ?? 0, response.headers, new TextDecoder().decode(excerpt, { stream: true })));
          };
          onInterrupted = answered;
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            received += chunk.length;
            if (received >= RESPONSE_EXCERPT_BYTES) answered();
          });
          response.on('end', answered);
          response.on('error', answered);
        },
      );
    } catch (error) {
      // Only a header value no HTTP message may carry gets here: not worth retrying either.
      finish({ ...errorVerdict(error as NodeJS.ErrnoException), outcome: 'failed' });
      return;
    }
    timer = setTimeout(() => onInterrupted(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    request.on('error', (error) => onInterrupted(error));
    request.end(body);
  });
}
