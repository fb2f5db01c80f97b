import { AUTHORING_FRAGMENT_PARAM, AUTHORING_LINK_TTL_MS } from '../../../shared/limits.ts';
import { authoringLink, authoringLinkInput } from '../../../shared/schemas/authoring.ts';
import { isAllowedOrigin } from '../../allowed-origins.ts';
import { newSecretToken, tokenHash } from '../../auth/tokens.ts';
import type { Store } from '../../data/store.ts';
import { fieldError } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { guideParams, requireGuide } from './guides.ts';
import { requireProject } from './projects.ts';

const createLinkRoute = createAdminRoute({
  method: 'post',
  path: '/guides/{guideId}/authoring-sessions',
  summary: 'A one-time link that opens the guide for editing on a page of your app ("Edit in app")',
  description:
    `The page's URL with \`${AUTHORING_FRAGMENT_PARAM}=<token>\` added to its fragment. The widget on that page trades the token ` +
    `(POST /api/v1/authoring/sessions) once, within ${AUTHORING_LINK_TTL_MS / 60_000} minutes, from that page's origin, which must be ` +
    'among the project’s allowedOrigins when it has any.',
  tags: ['guides'],
  request: { params: guideParams, body: jsonRequestBody(authoringLinkInput) },
  responses: {
    201: jsonResponse(authoringLink, 'Created'),
    400: errorResponse('Invalid body, or a url whose origin the project does not allow'),
    404: errorResponse('No such guide'),
  },
});

/**
 * `url` with the token in its fragment: the fragment never reaches the host's server nor a
 * Referer. A fragment already there (a hash router's route) is kept, the token joined with `&`.
 */
function withToken(url: string, token: string): string {
  const page = new URL(url);
  const param = `${AUTHORING_FRAGMENT_PARAM}=${token}`;
  page.hash = page.hash.length > 1 ? `${page.hash.slice(1)}&${param}` : param;
  return page.href;
}

/** "Edit in app" links, made in the console for a guide. */
export function authoringLinkRoutes(store: Store) {
  return createRouter<AdminEnv>().openapi(createLinkRoute, async (c) => {
    const { guideId } = c.req.valid('param');
    const { url } = c.req.valid('json');
    const guide = await requireGuide(store, guideId);
    const project = await requireProject(store, guide.projectId);
    const { origin } = new URL(url);
    if (!isAllowedOrigin(project, origin)) {
      throw fieldError(400, 'invalid_body', [
        { path: 'url', message: `${origin} is not among the allowed origins of project "${project.name}": add it to the project's allowed origins first` },
      ]);
    }
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + AUTHORING_LINK_TTL_MS);
    await store.authoring.createLink({ projectId: project.id, guideId, origin, linkHash: tokenHash(token), expiresAt, createdBy: c.var.actor });
    return c.json({ url: withToken(url, token), expiresAt: expiresAt.toISOString() }, 201);
  });
}
