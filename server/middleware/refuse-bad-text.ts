import type { MiddlewareHandler } from 'hono';
import { fieldError, type Issue } from '../errors.ts';
import { routePattern } from '../route-pattern.ts';
import { findBadText, printable, textProblem } from '../text-check.ts';

const NOT_UTF8 = 'is not UTF-8 text once percent-decoded';

/**
 * `raw` with its `%XX` runs decoded as UTF-8, or null when a run is not UTF-8 (`%ED%A0%80`
 * encodes a lone surrogate, `%FF` nothing at all). A `%` not followed by two hex digits is left
 * as it is, as the router does.
 */
function decodeStrictly(raw: string): string | null {
  try {
    return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decodeURIComponent(run));
  } catch {
    return null;
  }
}

/** Why a percent-encoded URL part is not text, or undefined when it is. */
function urlPartProblem(raw: string): string | undefined {
  const decoded = decodeStrictly(raw);
  return decoded === null ? NOT_UTF8 : textProblem(decoded);
}

/** The path's segments that are not text, each named by its route parameter (`surveyId`) when it is one. */
function pathIssues(pathname: string, pattern: string | undefined): Issue[] {
  const patternSegments = pattern?.split('/') ?? [];
  const issues: Issue[] = [];
  pathname.split('/').forEach((segment, index) => {
    const problem = urlPartProblem(segment);
    if (!problem) return;
    const name = patternSegments[index]?.match(/^:([^{?]+)/)?.[1];
    issues.push({ path: name ?? 'path', message: problem });
  });
  return issues;
}

/** The query's names and values that are not text, each named by its parameter. */
function queryIssues(search: string): Issue[] {
  const issues: Issue[] = [];
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [rawName = '', rawValue = ''] = pair.split(/=(.*)/s);
    const name = decodeStrictly(rawName);
    const nameProblem = name === null ? NOT_UTF8 : textProblem(name);
    // A bad name is shown as sent (still percent-encoded), a good one decoded.
    if (nameProblem) issues.push({ path: rawName, message: `the name ${nameProblem}` });
    else {
      const valueProblem = urlPartProblem(rawValue);
      if (valueProblem) issues.push({ path: printable(name!), message: valueProblem });
    }
  }
  return issues;
}

/**
 * 400 for a path or query that is not text once decoded: a NUL (`%00`) or bytes that are not
 * UTF-8 (`%ED%A0%80`, a lone surrogate), so no id, filter or search term reaches a route broken.
 * `invalid_path` names the route parameter (`surveyId`), `invalid_query` the query parameter.
 */
export function refuseBadUrlText(): MiddlewareHandler {
  return async function refuseBadUrlText(c, next) {
    const url = new URL(c.req.url);
    const inPath = pathIssues(url.pathname, routePattern(c));
    if (inPath.length > 0) throw fieldError(400, 'invalid_path', inPath);
    const inQuery = url.search ? queryIssues(url.search) : [];
    if (inQuery.length > 0) throw fieldError(400, 'invalid_query', inQuery);
    await next();
  };
}

const JSON_MEDIA_TYPE = /^application\/([a-z.-]+\+)?json\s*(;|$)/i;

/**
 * 400 `invalid_body` for a JSON body holding text that is not text (a NUL, a lone surrogate) or a
 * reserved key (`__proto__`, `constructor`, `prototype`), naming each (`name`, `attributes.__proto__`),
 * before the route's schema would strip or store it. For routers whose bodies zod-openapi validates
 * (the client API's `jsonBody` checks its own); a body that is not JSON is left to that validator.
 */
export function refuseBadJsonText(): MiddlewareHandler {
  return async function refuseBadJsonText(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
      // Parsed once: the route's validator reads the same cached value.
      const body: unknown = await c.req.json().catch(() => undefined);
      const issues = findBadText(body);
      if (issues.length > 0) throw fieldError(400, 'invalid_body', issues);
    }
    await next();
  };
}
