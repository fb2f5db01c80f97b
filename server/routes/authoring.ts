import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { AUTHORING_SESSION_TTL_MS } from '../../shared/limits.ts';
import { authoringExchange, authoringSave, authoringSession } from '../../shared/schemas/authoring.ts';
import { guide } from '../../shared/schemas/guide.ts';
import { newSecretToken, tokenHash } from '../auth/tokens.ts';
import type { Store } from '../data/store.ts';
import { ApiError, notFound } from '../errors.ts';
import { authoringAuth, authoringCors, checkAuthoringOrigin, type AuthoringEnv } from '../middleware/authoring-access.ts';
import { jsonBody, limitBody } from '../middleware/json-body.ts';
import { AUTHORING_SECURITY_SCHEME, clientJsonBody, errorResponse, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireGuide } from './admin/guides.ts';

// Twenty steps of up to 2,500 characters per language, 3 bytes each in Japanese, outgrow the
// 64 KB that is plenty for the widget's other bodies.
const MAX_SAVE_BYTES = 1024 * 1024;

const ORIGIN_REFUSED = 'Not sent from the page origin the link was made for, or one the project no longer allows (origin_not_allowed)';

/** `createRoute` for routes behind the authoring session: declares the bearer session, the 401 and the 403. */
function createSessionRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(config: R) {
  return createRoute({
    ...config,
    security: [{ [AUTHORING_SECURITY_SCHEME]: [] }] as Array<Record<string, string[]>>,
    responses: {
      ...config.responses,
      401: errorResponse('No session, or one that has ended (authoring_session_expired)'),
      403: errorResponse(ORIGIN_REFUSED),
    },
  });
}

// POST and PUT are documented with registerPath and served by our own jsonBody: openapi() would
// add a JSON-only validator, and the widget may send text/plain.
const exchangeRoute = createRoute({
  method: 'post',
  path: '/sessions',
  summary: 'Trade the token of an "Edit in app" link for an authoring session',
  description:
    'Called by the widget on the page the link opened, from that page’s origin. A link trades once: a refused trade (wrong origin) spends it too. ' +
    `The session lasts ${AUTHORING_SESSION_TTL_MS / 60_000} minutes.`,
  tags: ['authoring'],
  request: { body: clientJsonBody(authoringExchange) },
  responses: {
    201: jsonResponse(authoringSession, 'The session (send it as Authorization: Bearer), when it ends, and the guide'),
    400: errorResponse('Malformed JSON or no token'),
    401: errorResponse('Unknown token, or a link already used or expired (authoring_link_invalid)'),
    403: errorResponse(ORIGIN_REFUSED),
    413: errorResponse('Body over 64 KB'),
    415: errorResponse('Content-Type is not application/json or text/plain'),
  },
});

const getGuideRoute = createSessionRoute({
  method: 'get',
  path: '/guide',
  summary: 'The guide the authoring session opens',
  tags: ['authoring'],
  responses: { 200: jsonResponse(guide, 'The guide') },
});

const saveGuideRoute = createSessionRoute({
  method: 'put',
  path: '/guide',
  summary: 'Replace the steps of the guide the authoring session opens',
  description: '`updatedAt` is the version the steps were edited from: when the stored guide has another, someone saved meanwhile and nothing is stored (409).',
  tags: ['authoring'],
  request: { body: clientJsonBody(authoringSave) },
  responses: {
    200: jsonResponse(guide, 'The guide as saved, with its new updatedAt'),
    400: errorResponse('Malformed JSON or an invalid step (the issue names it, e.g. steps.0.title)'),
    409: errorResponse('The guide was saved by someone else since updatedAt (conflict)'),
    413: errorResponse('Body over 1 MB'),
    415: errorResponse('Content-Type is not application/json or text/plain'),
  },
});

/**
 * The authoring API, mounted at /api/v1/authoring: what the widget's authoring UI calls from the
 * host page. There is no guide id in its paths: the session decides which guide it may read and save.
 */
export function authoringRoutes(store: Store, trustProxy: boolean) {
  const router = createRouter<AuthoringEnv>();
  router.use('*', authoringCors());
  router.use('/guide', authoringAuth(store, trustProxy));
  router.openAPIRegistry.registerPath(exchangeRoute);
  router.openAPIRegistry.registerPath(saveGuideRoute);

  router.post('/sessions', limitBody(), jsonBody(authoringExchange), async (c) => {
    const session = newSecretToken();
    const now = Date.now();
    const expiresAt = new Date(now + AUTHORING_SESSION_TTL_MS);
    // The trade is the one atomic step that makes the link single-use, so the origin is checked
    // after it: a link tried from elsewhere is spent, and the console makes a new one.
    const scope = await store.authoring.exchange(tokenHash(c.req.valid('json').token), tokenHash(session), new Date(now), expiresAt);
    if (!scope) throw new ApiError(401, 'authoring_link_invalid', 'This authoring link was already used or has expired. Open Edit in app again from the console.');
    await checkAuthoringOrigin(c, store, scope, trustProxy);
    return c.json({ session, expiresAt: expiresAt.toISOString(), guide: await requireGuide(store, scope.guideId) }, 201);
  });

  router.put('/guide', limitBody(MAX_SAVE_BYTES), jsonBody(authoringSave), async (c) => {
    const { steps, updatedAt } = c.req.valid('json');
    const { guideId } = c.var.authoring;
    const saved = await store.guides.updateIfUnchanged(guideId, updatedAt, { steps });
    if (saved === 'conflict') {
      throw new ApiError(409, 'conflict', 'Someone else saved this guide after you opened it, so your steps were not saved. Open Edit in app again to start from their version.');
    }
    if (!saved) throw notFound('guide', guideId);
    return c.json(saved, 200);
  });

  return router.openapi(getGuideRoute, async (c) => c.json(await requireGuide(store, c.var.authoring.guideId), 200));
}
