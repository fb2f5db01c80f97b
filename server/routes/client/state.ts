import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { matchesAudience } from '../../../shared/audience.ts';
import { isEligible, isGuideEligible } from '../../../shared/eligibility.ts';
import { userId, type UserAttributes } from '../../../shared/schemas/common.ts';
import type { Project } from '../../../shared/schemas/project.ts';
import { clientState, stateRequest, type ClientState } from '../../../shared/schemas/survey.ts';
import type { GuideProgress } from '../../data/guide-progress.ts';
import type { Store } from '../../data/store.ts';
import type { ClientEnv } from '../../middleware/client-project.ts';
import { jsonBody, limitBody } from '../../middleware/json-body.ts';
import { clientJsonBody, errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { toClientGuide } from './guides.ts';
import { recordWidgetSeen, widgetPage } from './seen.ts';
import { toClientSurvey } from './surveys.ts';

const projectKeyParam = z.object({ projectKey: z.string() });

const STATE_DESCRIPTION =
  "Active surveys the user is eligible for (judged from the user's answers and dismissals) and active guides not finished " +
  'when shown once, both in the audience of the user’s attributes; never archived ones, and nothing at all for an archived project. ' +
  'Triggers (url, event) are left to the widget, which sees route changes.';

const getStateRoute = createRoute({
  method: 'get',
  path: '/{projectKey}/state',
  summary: 'Surveys and guides this user may be shown now, for the attributes stored by the last POST',
  description: STATE_DESCRIPTION,
  tags: ['client'],
  request: { params: projectKeyParam, query: z.object({ userId }) },
  responses: {
    200: jsonResponse(clientState, 'Eligible surveys and guides'),
    400: errorResponse('userId missing or invalid'),
    404: errorResponse('Unknown project key'),
  },
});

// Documented with registerPath and served by our own jsonBody: openapi() would add a JSON-only validator.
const postStateRoute = createRoute({
  method: 'post',
  path: '/{projectKey}/state',
  summary: 'Store the user’s identify attributes, and answer as GET does for them',
  description: `${STATE_DESCRIPTION} Attributes replace the stored ones; without attributes the stored ones are kept.`,
  tags: ['client'],
  request: { params: projectKeyParam, body: clientJsonBody(stateRequest) },
  responses: {
    200: jsonResponse(clientState, 'Eligible surveys and guides'),
    400: errorResponse('Malformed JSON or invalid field'),
    403: errorResponse('Origin not allowed for this project'),
    404: errorResponse('Unknown project key'),
    413: errorResponse('Body over 64 KB'),
    415: errorResponse('Content-Type is not application/json or text/plain'),
    429: errorResponse('Rate limited; see Retry-After'),
  },
});

/** Whether this user has completed or dismissed the guide. */
const finished = (progress: GuideProgress | undefined) => progress !== undefined && progress.status !== 'active';

/** What the widget may show this user now; the server's clock decides audiences and recontact. */
async function stateFor(store: Store, project: Project, userId: string, attributes: UserAttributes): Promise<ClientState> {
  // An archived project is still installed in its app: the widget hears "nothing due" and stays quiet.
  if (project.archivedAt !== null) return { surveys: [], guides: [], maxStartsPerPageView: project.maxStartsPerPageView };
  const [surveys, answered, dismissed, guides, progress] = await Promise.all([
    store.surveys.listByProject(project.id, { activeOnly: true }),
    store.responses.lastAnsweredAt(project.id, userId),
    store.events.lastDismissedAt(project.id, userId),
    store.guides.listByProject(project.id, { activeOnly: true }),
    store.guides.progressOf(project.id, userId),
  ]);
  const now = Date.now();
  const eligible = surveys.filter(
    (s) => matchesAudience(s.audience, attributes, now) && isEligible(s, { answeredAt: answered.get(s.id), dismissedAt: dismissed.get(s.id) }, userId, now),
  );
  return {
    surveys: eligible.map(toClientSurvey),
    guides: guides.filter((g) => isGuideEligible(g, finished(progress.get(g.id)), attributes, now)).map((g) => toClientGuide(g, progress.get(g.id))),
    maxStartsPerPageView: project.maxStartsPerPageView,
  };
}

/** What the widget reads on every page view: GET with the attributes stored, POST with the user's current ones. */
export function clientStateRoutes(store: Store) {
  const router = createRouter<ClientEnv>();
  router.openAPIRegistry.registerPath(postStateRoute);
  return router
    .openapi(getStateRoute, async (c) => {
      const { userId } = c.req.valid('query');
      const project = c.var.project;
      const [stored] = await Promise.all([
        store.users.attributes(project.id, userId),
        recordWidgetSeen(store, project, widgetPage(c.req.header('referer'), c.req.header('origin')), new Date()),
      ]);
      const attributes = stored ?? {};
      c.header('Cache-Control', 'no-store');
      return c.json(await stateFor(store, project, userId, attributes), 200);
    })
    .post('/:projectKey/state', limitBody(), jsonBody(stateRequest), async (c) => {
      const { userId, attributes, url } = c.req.valid('json');
      const project = c.var.project;
      const now = new Date();
      // Both writes join the same group commit.
      const [stored] = await Promise.all([
        store.users.identify(project.id, userId, attributes ?? null, now),
        recordWidgetSeen(store, project, widgetPage(url, c.req.header('referer'), c.req.header('origin')), now),
      ]);
      c.header('Cache-Control', 'no-store');
      return c.json(await stateFor(store, project, userId, stored), 200);
    });
}
