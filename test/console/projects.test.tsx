// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Project } from '../../shared/schemas/project.ts';
import { adminInit, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';

describe('projects pages', () => {
  let server: ConsoleServer;
  let project: Project;
  eachConsoleServer(
    (store) => seedProject(store, {}, { key: 'pk_acme', allowedOrigins: ['https://app.acme.test'] }),
    (s) => {
      server = s;
      project = s.project;
    },
  );

  const readProject = async (id = project.id) => (await (await server.t.app.request(`/api/v1/admin/projects/${id}`, adminInit('GET'))).json()) as Project;

  it('lists projects with their public keys and creates one, which becomes the current project', async () => {
    await openConsole('/projects', 'Projects');
    const row = (await screen.findByRole('link', { name: 'Acme' })).closest('tr')!;
    expect(within(row).getByText('pk_acme')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('New project name'), { target: { value: 'Beta app' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
    await screen.findByRole('heading', { level: 1, name: 'Beta app' });
    const select = screen.getByRole('combobox', { name: 'Project' }) as HTMLSelectElement;
    expect(select.options[select.selectedIndex]?.textContent).toBe('Beta app');
  });

  it('shows the snippet for this server and key, and copies it with a visible confirmation', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await openConsole(`/projects/${project.id}`, 'Acme');
    const snippet = screen.getByRole('region', { name: 'Install snippet' }).querySelector('pre')!.textContent!;
    expect(snippet).toContain(`<script async src="${server.origin}/widget.js" data-project="pk_acme"></script>`);
    expect(snippet).toContain("kizuna('identify','USER_ID'");
    fireEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(snippet);
  });

  it('says the widget has not been seen, then where and when it was', async () => {
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect(screen.getByText(/Not seen yet/)).toBeTruthy();
    await server.t.store.projects.recordSeen(project.id, 'https://app.acme.test/invoices', new Date('2026-05-04T03:02:01Z'));
    fireEvent.click(screen.getByRole('link', { name: 'Projects' }));
    fireEvent.click(await screen.findByRole('link', { name: 'Acme' }));
    expect(await screen.findByText(/Widget last seen on https:\/\/app\.acme\.test\/invoices at .*2026/)).toBeTruthy();
  });

  it('saves allowed origins and the LTV boundary, and shows a bad origin at its field', async () => {
    await openConsole(`/projects/${project.id}`, 'Acme');
    const origins = screen.getByLabelText('Allowed origins');
    expect((origins as HTMLTextAreaElement).value).toBe('https://app.acme.test');
    fireEvent.input(origins, { target: { value: 'https://app.acme.test\nnot an origin' } });
    fireEvent.input(screen.getByLabelText('LTV boundary'), { target: { value: '120000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Allowed origins').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/^Line 2:/)).toBeTruthy();
    expect((await readProject()).ltvBoundary).toBeNull();

    fireEvent.input(screen.getByLabelText('Allowed origins'), { target: { value: 'https://app.acme.test\nhttps://beta.acme.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(await readProject()).toMatchObject({ allowedOrigins: ['https://app.acme.test', 'https://beta.acme.test'], ltvBoundary: 120000 });
  });

  it('offers CSV downloads of responses and follow-ups for the chosen period', async () => {
    await openConsole(`/projects/${project.id}`, 'Acme');
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.input(screen.getByLabelText('To (inclusive)'), { target: { value: '2026-01-31' } });
    const href = (name: string) => new URL(screen.getByRole('link', { name }).getAttribute('href')!);
    const responses = href('Responses (CSV)');
    expect(responses.origin + responses.pathname).toBe(`${server.origin}/api/v1/admin/projects/${project.id}/responses.csv`);
    expect(new Date(responses.searchParams.get('from')!).getDate()).toBe(1);
    expect(new Date(responses.searchParams.get('to')!).getDate()).toBe(1);
    expect(href('Follow-ups (CSV)').pathname).toBe(`/api/v1/admin/projects/${project.id}/followups.csv`);
    const csv = await server.t.app.request(responses.pathname + responses.search, adminInit('GET'));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  });

  it('shows settings read-only, without Save, to a role that cannot change projects', async () => {
    await signInAs(server, 'cs');
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByLabelText('Allowed origins')).toBeNull();
    expect(screen.getByText('https://app.acme.test')).toBeTruthy();
    await waitFor(() => expect(screen.queryByLabelText('New project name')).toBeNull());
  });
});
