// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../console/i18n/index.ts';
import type { CustomerExport } from '../../shared/schemas/customer.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { DAY_MS, adminInit, cid, newAnswer, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, unmountConsole, type ConsoleServer } from './helpers.tsx';

describe('project settings: retention and privacy requests', () => {
  let server: ConsoleServer;
  let project: Project;
  let survey: Survey;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => {
      server = s;
      ({ project, survey } = s);
    },
  );

  // jsdom has no object URLs: the download's file is caught here.
  let saved: Blob[];
  beforeEach(() => {
    saved = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved.push(blob);
      return 'blob:export';
    });
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  const readProject = async () => (await (await server.t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('GET'))).json()) as Project;
  const exportStatus = async (userId: string) => (await server.t.app.request(`/api/v1/admin/projects/${project.id}/customers/${userId}/export`, adminInit('GET'))).status;
  const privacy = () => screen.getByRole('region', { name: 'Privacy requests' });

  /** An end-user with an answer (and its comment) and attributes. */
  async function customer(userId: string) {
    await server.t.store.users.identify(project.id, userId, { plan: 'pro' }, new Date());
    await server.t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid(userId), userId, score: 4, comment: 'Too slow' }));
  }

  it('sets retention in days, refuses a too short one at its field, and shows the last run', async () => {
    await openConsole(`/projects/${project.id}`, 'Acme');
    const field = screen.getByLabelText('Delete raw events and comments after (days)') as HTMLInputElement;
    expect(field.value).toBe('');
    fireEvent.input(field, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Delete raw events and comments after (days)').getAttribute('aria-invalid')).toBe('true');
    expect((await readProject()).retentionDays).toBeNull();

    fireEvent.input(field, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect((await readProject()).retentionDays).toBe(30);
    expect(screen.getByText('Not run yet: it runs every hour.')).toBeTruthy();

    await server.t.store.responses.record(
      newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: cid('old'), comment: 'old', at: new Date(Date.now() - 40 * DAY_MS) }),
    );
    await server.t.store.retention.run(new Date('2026-12-06T09:30:00Z'));
    unmountConsole();
    setLocale('ja');
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect(await screen.findByText(/^前回の実行 2026.*: イベント0件、コメント1件を削除しました。$/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'プライバシー対応' })).toBeTruthy();
  });

  it('downloads everything about an end-user, and says so at the field when nothing is stored', async () => {
    await customer('alice');
    await openConsole(`/projects/${project.id}`, 'Acme');
    const region = privacy();
    fireEvent.click(within(region).getByRole('button', { name: 'Download export' }));
    expect(await within(region).findByText('Type an end-user id.')).toBeTruthy();

    fireEvent.input(within(region).getByLabelText('End-user id'), { target: { value: 'nobody' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Download export' }));
    expect(await within(region).findByText('Nothing is stored about this end-user id in this project.')).toBeTruthy();
    expect(within(region).getByLabelText('End-user id').getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);

    fireEvent.input(within(region).getByLabelText('End-user id'), { target: { value: 'alice' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Download export' }));
    expect(await within(region).findByText('Export of alice downloaded.')).toBeTruthy();
    // jsdom's Blob has no text(): read it as a page would.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(saved[0]!);
    });
    const file = JSON.parse(text) as CustomerExport;
    expect(file).toMatchObject({ userId: 'alice', profile: { attributes: { plan: 'pro' } }, responses: [{ score: 4, comment: 'Too slow' }] });
  });

  it('erases only after the id is typed again, then shows the outcome and the log', async () => {
    await customer('alice');
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect(await within(privacy()).findByText('No erasures yet.')).toBeTruthy();
    fireEvent.input(within(privacy()).getByLabelText('End-user id'), { target: { value: 'alice' } });
    const opener = within(privacy()).getByRole('button', { name: 'Erase…' });
    opener.focus();
    fireEvent.click(opener);

    const dialog = await screen.findByRole('dialog', { name: 'Erase this end-user' });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Erase this end-user' })));
    fireEvent.input(within(dialog).getByLabelText('Type the end-user id again to confirm'), { target: { value: 'alicf' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erase' }));
    expect(await within(dialog).findByText('This is not the same end-user id.')).toBeTruthy();
    expect(await exportStatus('alice')).toBe(200);

    fireEvent.input(within(dialog).getByLabelText('Type the end-user id again to confirm'), { target: { value: 'alice' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erase' }));
    expect(await within(privacy()).findByText('alice erased: 1 answers anonymised, 0 events deleted.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
    const row = (await within(privacy()).findByRole('rowheader', { name: 'alice' })).closest('tr')!;
    expect(within(row).getByText('admin-token')).toBeTruthy();
    expect(within(row).getByText('1 answers, 0 events, 0 notes')).toBeTruthy();
    expect(await exportStatus('alice')).toBe(404);
  });

  it('offers Erase to admins, not to cs, who can still download an export', async () => {
    await customer('alice');
    await signInAs(server, 'cs');
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect(within(privacy()).queryByRole('button', { name: 'Erase…' })).toBeNull();
    fireEvent.input(within(privacy()).getByLabelText('End-user id'), { target: { value: 'alice' } });
    fireEvent.click(within(privacy()).getByRole('button', { name: 'Download export' }));
    await waitFor(() => expect(saved).toHaveLength(1));
  });

  it('offers Erase to an admin', async () => {
    await signInAs(server, 'admin');
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect(within(privacy()).getByRole('button', { name: 'Erase…' })).toBeTruthy();
  });
});
