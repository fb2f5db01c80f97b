import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { clientSurvey, type ClientSurvey, type Survey } from '../../../shared/schemas/survey.ts';
import type { Store } from '../../data/store.ts';
import { ApiError } from '../../errors.ts';
import type { ClientEnv } from '../../middleware/client-project.ts';
import { errorResponse, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';

const surveyRoute = createRoute({
  method: 'get',
  path: '/{projectKey}/surveys/{surveyId}',
  summary: 'One active survey, to show on demand (not when it or its project is archived)',
  tags: ['client'],
  request: { params: z.object({ projectKey: z.string(), surveyId: z.string() }) },
  responses: {
    200: jsonResponse(clientSurvey, 'The survey'),
    404: errorResponse('Unknown project key, or no such active survey'),
  },
});

export const toClientSurvey = ({ id, question, touchpoints, delaySeconds, recontactDays, sampleRate, audience, priority }: Survey): ClientSurvey => ({
  id,
  question,
  touchpoints,
  delaySeconds,
  recontactDays,
  sampleRate,
  audience,
  priority,
});

/** Single surveys by id, for `kizuna('show', surveyId)`. */
export function clientSurveyRoutes(store: Store) {
  return createRouter<ClientEnv>().openapi(surveyRoute, async (c) => {
    const { surveyId } = c.req.valid('param');
    const survey = await store.surveys.get(surveyId);
    // Archived (the survey or its project): never offered, as if inactive.
    if (!survey || survey.projectId !== c.var.project.id || !survey.active || survey.archivedAt !== null || c.var.project.archivedAt !== null) {
      throw new ApiError(404, 'survey_not_found', `no active survey "${surveyId}" in this project`);
    }
    c.header('Cache-Control', 'no-store');
    return c.json(toClientSurvey(survey), 200);
  });
}
