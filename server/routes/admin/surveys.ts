import { z } from 'zod';
import { survey, surveyInput, surveyUpdate, type Survey } from '../../../shared/schemas/survey.ts';
import type { Store } from '../../data/store.ts';
import { notFound } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { projectParams, requireProject } from './projects.ts';

export const surveyParams = z.object({ surveyId: z.string() });

/** The survey, or 404 `survey_not_found` (for routes under /surveys/{surveyId}). */
export async function requireSurvey(store: Store, surveyId: string): Promise<Survey> {
  const found = await store.surveys.get(surveyId);
  if (!found) throw notFound('survey', surveyId);
  return found;
}

const createSurveyRoute = createAdminRoute({
  method: 'post',
  path: '/projects/{projectId}/surveys',
  summary: 'Create a survey in a project',
  tags: ['surveys'],
  request: { params: projectParams, body: jsonRequestBody(surveyInput) },
  responses: { 201: jsonResponse(survey, 'Created'), 400: errorResponse('Invalid body'), 404: errorResponse('No such project') },
});

const listSurveysRoute = createAdminRoute({
  method: 'get',
  path: '/projects/{projectId}/surveys',
  summary: "List a project's surveys",
  tags: ['surveys'],
  request: { params: projectParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(survey) }), 'Surveys, oldest first'), 404: errorResponse('No such project') },
});

const getSurveyRoute = createAdminRoute({
  method: 'get',
  path: '/surveys/{surveyId}',
  summary: 'Read a survey',
  tags: ['surveys'],
  request: { params: surveyParams },
  responses: { 200: jsonResponse(survey, 'The survey'), 404: errorResponse('No such survey') },
});

const updateSurveyRoute = createAdminRoute({
  method: 'patch',
  path: '/surveys/{surveyId}',
  summary: 'Change a survey',
  tags: ['surveys'],
  request: { params: surveyParams, body: jsonRequestBody(surveyUpdate) },
  responses: { 200: jsonResponse(survey, 'Updated'), 400: errorResponse('Invalid body'), 404: errorResponse('No such survey') },
});

const deactivateSurveyRoute = createAdminRoute({
  method: 'post',
  path: '/surveys/{surveyId}/deactivate',
  summary: 'Stop showing a survey (answers already on their way are still accepted)',
  tags: ['surveys'],
  request: { params: surveyParams },
  responses: { 200: jsonResponse(survey, 'The survey, now inactive'), 404: errorResponse('No such survey') },
});

/** Survey administration. */
export function surveyRoutes(store: Store) {
  const update = async (surveyId: string, patch: z.output<typeof surveyUpdate>) => {
    const updated = await store.surveys.update(surveyId, patch);
    if (!updated) throw notFound('survey', surveyId);
    return updated;
  };

  return createRouter<AdminEnv>()
    .openapi(createSurveyRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      return c.json(await store.surveys.create(projectId, c.req.valid('json')), 201);
    })
    .openapi(listSurveysRoute, async (c) => {
      const { projectId } = c.req.valid('param');
      await requireProject(store, projectId);
      return c.json({ items: await store.surveys.listByProject(projectId) }, 200);
    })
    .openapi(getSurveyRoute, async (c) => c.json(await requireSurvey(store, c.req.valid('param').surveyId), 200))
    .openapi(updateSurveyRoute, async (c) => c.json(await update(c.req.valid('param').surveyId, c.req.valid('json')), 200))
    .openapi(deactivateSurveyRoute, async (c) => c.json(await update(c.req.valid('param').surveyId, { active: false }), 200));
}
