import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { isEligible } from '../../../shared/eligibility.ts';
import { userId } from '../../../shared/schemas/common.ts';
import { clientState, clientSurvey, type ClientSurvey, type Survey } from '../../../shared/schemas/survey.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../../errors.ts';
import type { ClientEnv } from '../../middleware/client-project.ts';
import { errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

const projectKeyParam = z.object({ projectKey: z.string() });

const stateRoute = createRoute({
  method: 'get',
  path: '/{projectKey}/state',
  summary: 'Surveys this user may be shown now',
  description: "Active surveys the user is eligible for, judged by the server from the user's answers and dismissals.",
  tags: ['client'],
  request: { params: projectKeyParam, query: z.object({ userId }) },
  responses: {
    200: jsonResponse(clientState, 'Eligible surveys'),
    400: errorResponse('userId missing or invalid'),
    404: errorResponse('Unknown project key'),
  },
});

const surveyRoute = createRoute({
  method: 'get',
  path: '/{projectKey}/surveys/{surveyId}',
  summary: 'One active survey, to show on demand',
  tags: ['client'],
  request: { params: projectKeyParam.extend({ surveyId: z.string() }) },
  responses: {
    200: jsonResponse(clientSurvey, 'The survey'),
    404: errorResponse('Unknown project key, or no such active survey'),
  },
});

const toClientSurvey = ({ id, question, touchpoints, delaySeconds, recontactDays, sampleRate }: Survey): ClientSurvey => ({
  id,
  question,
  touchpoints,
  delaySeconds,
  recontactDays,
  sampleRate,
});

/** What the widget reads: eligible surveys for a user, and single surveys by id. */
export function clientSurveyRoutes(store: Store) {
  return createRouter<ClientEnv>()
    .openapi(stateRoute, async (c) => {
      const { userId } = c.req.valid('query');
      const projectId = c.var.project.id;
      const [surveys, answered, dismissed] = await Promise.all([
        store.surveys.listByProject(projectId, { activeOnly: true }),
        store.responses.lastAnsweredAt(projectId, userId),
        store.events.lastDismissedAt(projectId, userId),
      ]);
      const now = Date.now();
      const eligible = surveys.filter((s) => isEligible(s, { answeredAt: answered.get(s.id), dismissedAt: dismissed.get(s.id) }, userId, now));
      c.header('Cache-Control', 'no-store');
      return c.json({ surveys: eligible.map(toClientSurvey) }, 200);
    })
    .openapi(surveyRoute, async (c) => {
      const { surveyId } = c.req.valid('param');
      const survey = await store.surveys.get(surveyId);
      if (!survey || survey.projectId !== c.var.project.id || !survey.active) {
        throw new ApiError(404, 'survey_not_found', `no active survey "${surveyId}" in this project`);
      }
      c.header('Cache-Control', 'no-store');
      return c.json(toClientSurvey(survey), 200);
    });
}
