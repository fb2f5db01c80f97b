// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../console/i18n/index.ts';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { surveyInput, type Survey } from '../../shared/schemas/survey.ts';
import { adminInit, seedGuide, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';
import { seedAnswers } from './seed.ts';

describe('archive and delete in the console', () => {
  let server: ConsoleServer;
  let project: Project;
  let survey: Survey;
  let guide: Guide;
  eachConsoleServer(
    async (store) => {
      const seeded = await seedProject(store);
      return { ...seeded, guide: await seedGuide(store, seeded.project.id, { name: 'Invoices tour' }) };
    },
    (s) => {
      server = s;
      ({ project, survey, guide } = s);
    },
  );

  const read = (path: string) => server.t.app.request(`/api/v1/admin${path}`, adminInit('GET'));
  const readJson = async <T,>(path: string) => (await (await read(path)).json()) as T;
  const showArchived = () => fireEvent.click(screen.getByRole('checkbox', { name: 'Show archived' }));
  const dialog = () => within(screen.getByRole('dialog'));

  it('archives a survey out of the list, shows it marked on demand, and unarchives it', async () => {
    await openConsole('/surveys', 'Surveys');
    fireEvent.click(await screen.findByRole('button', { name: 'Archive NPS' }));
    expect(await screen.findByText('“NPS” archived: no longer shown to users; its reports stay readable.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'NPS' })).toBeNull();
    expect((await readJson<Survey>(`/surveys/${survey.id}`)).archivedAt).not.toBeNull();

    showArchived();
    const row = (await screen.findByRole('link', { name: 'NPS' })).closest('li')!;
    expect(within(row).getByText('Archived')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Unarchive NPS' }));
    await waitFor(() => expect(within(row).queryByText('Archived')).toBeNull());
    expect((await readJson<Survey>(`/surveys/${survey.id}`)).archivedAt).toBeNull();
  });

  it('keeps an archived survey’s dashboard within reach, marked', async () => {
    await server.t.store.surveys.create(project.id, surveyInput.parse({ name: 'Current NPS', touchpoints: [] }));
    await server.t.store.surveys.update(survey.id, { archived: true });
    await openConsole(`/dashboard?survey=${survey.id}`, 'Dashboard');
    const picker = (await screen.findByRole('combobox', { name: 'Survey' })) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['NPS (Archived)', 'Current NPS']);
    expect(picker.value).toBe(survey.id);
  });

  it('deletes a survey only once its name is typed again, saying how many answers go with it', async () => {
    await seedAnswers(server.t.store, project, survey, [
      { userId: 'u1', score: 3, daysAgo: 1 },
      { userId: 'u2', score: 9, daysAgo: 2 },
    ]);
    await openConsole('/surveys', 'Surveys');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete NPS' }));
    expect(dialog().getByRole('heading', { name: 'Delete “NPS”' })).toBeTruthy();
    const confirm = () => dialog().getByRole('button', { name: /^Delete/ }) as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    const typed = dialog().getByLabelText('Type “NPS” to confirm');
    fireEvent.input(typed, { target: { value: 'NP' } });
    expect(confirm().disabled).toBe(true);
    fireEvent.input(typed, { target: { value: 'NPS' } });
    expect(confirm().disabled).toBe(false);

    fireEvent.click(confirm());
    expect((await screen.findByRole('alert')).textContent).toBe('This survey has 2 answers. Deleting it deletes them too, with their follow-ups.');
    expect((await read(`/surveys/${survey.id}`)).status).toBe(200);
    // Still behind the typed name.
    fireEvent.input(typed, { target: { value: 'nps' } });
    expect((dialog().getByRole('button', { name: 'Delete with all 2 answers' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(typed, { target: { value: 'NPS' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Delete with all 2 answers' }));

    expect(await screen.findByText('“NPS” deleted.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('link', { name: 'NPS' })).toBeNull();
    expect((await read(`/surveys/${survey.id}`)).status).toBe(404);
  });

  it('archives and deletes a guide from the guides list', async () => {
    await openConsole('/guides', 'Guides');
    fireEvent.click(await screen.findByRole('button', { name: 'Archive Invoices tour' }));
    await screen.findByText('“Invoices tour” archived: no longer shown to users; its reports stay readable.');
    showArchived();
    const card = (await screen.findByRole('link', { name: 'Invoices tour' })).closest('li')!;
    expect(within(card).getByText('Archived')).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Delete Invoices tour' }));
    fireEvent.input(dialog().getByLabelText('Type “Invoices tour” to confirm'), { target: { value: 'Invoices tour' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('“Invoices tour” deleted.')).toBeTruthy();
    expect((await read(`/guides/${guide.id}`)).status).toBe(404);
  });

  it('archives the current project out of the picker, and deletes a project, as an owner', async () => {
    const beta = await server.t.store.projects.create({ name: 'Beta', allowedOrigins: [] });
    await openConsole('/projects', 'Projects');
    const picker = () => screen.getByRole('combobox', { name: 'Project' }) as HTMLSelectElement;
    await waitFor(() => expect([...picker().options].map((o) => o.textContent)).toEqual(['Acme', 'Beta']));
    expect(picker().value).toBe(project.id);

    fireEvent.click(screen.getByRole('button', { name: 'Archive Acme' }));
    await screen.findByText('“Acme” archived: no longer shown to users; its reports stay readable.');
    expect(screen.queryByRole('link', { name: 'Acme' })).toBeNull();
    expect([...picker().options].map((o) => o.textContent)).toEqual(['Beta']);
    expect(picker().value).toBe(beta.id);

    showArchived();
    const row = screen.getByRole('link', { name: 'Acme' }).closest('tr')!;
    expect(within(row).getByText('Archived')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Delete Acme' }));
    fireEvent.input(dialog().getByLabelText('Type “Acme” to confirm'), { target: { value: 'Acme' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('“Acme” deleted.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Acme' })).toBeNull();
    expect((await read(`/projects/${project.id}`)).status).toBe(404);
  });

  it('falls back to another project when the current one is deleted', async () => {
    await server.t.store.projects.create({ name: 'Beta', allowedOrigins: [] });
    await openConsole('/projects', 'Projects');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Acme' }));
    fireEvent.input(dialog().getByLabelText('Type “Acme” to confirm'), { target: { value: 'Acme' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Delete' }));
    // Acme's survey has no answers, so nothing asks for force.
    await screen.findByText('“Acme” deleted.');
    const picker = screen.getByRole('combobox', { name: 'Project' }) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['Beta']);
    fireEvent.click(screen.getByRole('link', { name: 'Surveys' }));
    expect(await screen.findByText('No surveys in this project yet.')).toBeTruthy();
  });

  it('offers admins archiving but not deleting projects', async () => {
    await signInAs(server, 'admin');
    await openConsole('/projects', 'Projects');
    expect(await screen.findByRole('button', { name: 'Archive Acme' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete Acme' })).toBeNull();
  });

  it('shows cs no archive or delete buttons on surveys', async () => {
    await signInAs(server, 'cs');
    await openConsole('/surveys', 'Surveys');
    await screen.findByRole('link', { name: 'NPS' });
    expect(screen.queryByRole('button', { name: 'Archive NPS' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete NPS' })).toBeNull();
  });

  it('speaks Japanese', async () => {
    setLocale('ja');
    await openConsole('/surveys', 'アンケート');
    fireEvent.click(await screen.findByRole('button', { name: '「NPS」を削除' }));
    expect(dialog().getByLabelText('確認のため「NPS」と入力してください')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'アーカイブ済みも表示' })).toBeTruthy();
  });
});
