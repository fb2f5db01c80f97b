import { describe, expect, it } from 'vitest';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { cid, eachTestServer, postInit, seedGuide, seedProject, type TestServer } from './helpers.ts';

describe('the widget and archived surveys, guides and projects', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  let guide: Guide;
  eachTestServer(
    async (store) => {
      const seeded = await seedProject(store);
      return { ...seeded, guide: await seedGuide(store, seeded.project.id) };
    },
    (s) => ({ t, project, survey, guide } = s),
  );

  const client = (path: string, init?: RequestInit) => t.app.request(`/api/v1/client/${project.key}${path}`, init);
  type State = { surveys: Array<{ id: string }>; guides: Array<{ id: string }> };
  const offered = async () => {
    const viaGet = (await (await client('/state?userId=user-1')).json()) as State;
    const viaPost = (await (await client('/state', postInit({ userId: 'user-1', attributes: { plan: 'pro' } }))).json()) as State;
    expect(viaPost).toEqual(viaGet);
    return { surveys: viaGet.surveys.map((s) => s.id), guides: viaGet.guides.map((g) => g.id) };
  };
  // Archived through the store: these tests are about what the widget sees, not the admin API.
  const archive = async (archived: boolean) => {
    await t.store.surveys.update(survey.id, { archived });
    await t.store.guides.update(guide.id, { archived });
  };

  it('never offers an archived survey or guide, active as they are, by state or by id, takes what is on its way, and offers them again once unarchived', async () => {
    expect(await offered()).toEqual({ surveys: [survey.id], guides: [guide.id] });
    await archive(true);
    expect(await offered()).toEqual({ surveys: [], guides: [] });
    const shown = await client(`/surveys/${survey.id}`);
    expect(shown.status).toBe(404);
    expect(await shown.json()).toMatchObject({ error: { code: 'survey_not_found' } });
    const tour = await client(`/guides/${guide.id}?userId=user-1`);
    expect(tour.status).toBe(404);
    expect(await tour.json()).toMatchObject({ error: { code: 'guide_not_found' } });
    // What users were shown before the archiving still arrives.
    expect((await client('/responses', postInit({ id: cid('late'), surveyId: survey.id, userId: 'user-2', score: 4 }))).status).toBe(201);
    const events = await client('/events', postInit({ events: [{ id: cid('late-g'), userId: 'user-2', type: 'guide_dismissed', guideId: guide.id }] }));
    expect(events.status).toBe(202);

    await archive(false);
    expect(await offered()).toEqual({ surveys: [survey.id], guides: [guide.id] });
    expect((await client(`/surveys/${survey.id}`)).status).toBe(200);
    expect((await client(`/guides/${guide.id}`)).status).toBe(200);
  });

  it('offers nothing for an archived project (state 200 with nothing due, single ones 404) but takes answers on their way', async () => {
    await t.store.projects.update(project.id, { archived: true });
    const state = await client('/state?userId=user-1');
    expect(state.status).toBe(200);
    expect(await state.json()).toEqual({ surveys: [], guides: [], maxStartsPerPageView: 1 });
    expect((await (await client('/state', postInit({ userId: 'user-1' }))).json()) as State).toMatchObject({ surveys: [], guides: [] });
    expect((await client(`/surveys/${survey.id}`)).status).toBe(404);
    expect((await client(`/guides/${guide.id}`)).status).toBe(404);
    expect((await client('/responses', postInit({ id: cid('queued'), surveyId: survey.id, userId: 'user-1', score: 10 }))).status).toBe(201);

    await t.store.projects.update(project.id, { archived: false });
    expect(await offered()).toEqual({ surveys: [], guides: [guide.id] });
  });
});
