import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { ApiError, fieldError, invalidInput } from '../errors.ts';
import { findBadText } from '../text-check.ts';

/** Larger than any valid answer or event batch, and what browsers allow a keepalive request. */
const MAX_BODY_BYTES = 64 * 1024;

const ACCEPTED_MEDIA_TYPES = new Set(['application/json', 'text/plain']);

type JsonInput<S extends z.ZodType> = { in: { json: z.input<S> }; out: { json: z.output<S> } };

/**
 * Parses and validates a JSON body sent as `application/json` or `text/plain` (the widget's
 * choice: no CORS preflight, works with sendBeacon). The value is then `c.req.valid('json')`.
 * 415 `unsupported_media_type`, 400 `malformed_json` / `invalid_body` (naming the fields, also
 * for text that is not text and reserved keys: server/text-check.ts).
 */
export function jsonBody<S extends z.ZodType>(schema: S): MiddlewareHandler<{}, string, JsonInput<S>> {
  return async function jsonBody(c, next) {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ACCEPTED_MEDIA_TYPES.has(mediaType)) {
      throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json or text/plain');
    }
    let value: unknown;
    try {
      value = JSON.parse(await c.req.text());
    } catch {
      throw new ApiError(400, 'malformed_json', 'the body is not valid JSON');
    }
    // Before the schema, which would drop a `__proto__` key silently and store a NUL as it came.
    const badText = findBadText(value);
    if (badText.length > 0) throw fieldError(400, 'invalid_body', badText);
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw invalidInput('json', parsed.error);
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
}

/** 413 `payload_too_large` past `maxBytes` (default {@link MAX_BODY_BYTES}), checked before the body is parsed. */
export const limitBody = (maxBytes = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `the body is larger than ${maxBytes} bytes`);
    },
  });
