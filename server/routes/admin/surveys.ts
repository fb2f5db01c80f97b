import { z } from 'zod';
import { archivedQuery, deleteQuery } from '../../../shared/schemas/archive.ts';
import { survey, surveyInput, surveyUpdate, type Survey } from '../../../shared/schemas/survey.ts';
import type { Store } from '../../data/store.ts';
import { notFound } from '../../errors.ts';
import type { AdminEnv } from '../../middleware/admin-auth.ts';
import { createAdminRoute, errorResponse, jsonRequestBody, jsonResponse } from '../../openapi.ts';
import { createRouter } from '../../router.ts';
import { deleteAnswer, deleteDescription, deleteResponses } from './lifecycle.ts';
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
  description: 'Archived surveys are left out unless `?archived=include` (listed too) or `?archived=only`.',
  tags: ['surveys'],
  request: { params: projectParams, query: archivedQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(survey) }), 'Surveys, oldest first'),
    400: errorResponse('Invalid archived filter'),
    404: errorResponse('No such project'),
  },
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
  summary: 'Change a survey, or archive or unarchive it',
  description:
    '`archived: true` archives it: never shown to the widget (whatever `active` says) and out of the default list, while its report, ' +
    'dashboard, comments, CSV rows and follow-ups stay readable and answers already on their way are still accepted. An archived survey can still be edited.',
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

const deleteSurveyRoute = createAdminRoute({
  method: 'delete',
  path: '/surveys/{surveyId}',
  summary: 'Delete a survey',
  description: deleteDescription('survey', 'its shown and dismissed events (with force: its answers, their touchpoint answers, follow-ups and follow-up history)'),
  tags: ['surveys'],
  request: { params: surveyParams, query: deleteQuery },
  responses: deleteResponses('survey'),
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
      return c.json({ items: await store.surveys.listByProject(projectId, { archived: c.req.valid('query').archived }) }, 200);
    })
    .openapi(getSurveyRoute, async (c) => c.json(await requireSurvey(store, c.req.valid('param').surveyId), 200))
    .openapi(updateSurveyRoute, async (c) => c.json(await update(c.req.valid('param').surveyId, c.req.valid('json')), 200))
    .openapi(deactivateSurveyRoute, async (c) => c.json(await update(c.req.valid('param').surveyId, { active: false }), 200))
    .openapi(deleteSurveyRoute, async (c) => {
      const { surveyId } = c.req.valid('param');
      return deleteAnswer(c, await store.surveys.delete(surveyId, { force: c.req.valid('query').force }), 'survey', surveyId);
    });
}
