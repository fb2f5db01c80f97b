// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { configureApi } from '../../console/api.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';

describe('console shell', () => {
  let server: ConsoleServer;
  let project: Project;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => {
      server = s;
      project = s.project;
    },
  );

  it('lands an owner (the admin token) on the dashboard, with navigation, project and who is signed in', async () => {
    await openConsole('/', 'Dashboard');
    expect(window.location.pathname).toBe('/admin/dashboard');
    await waitFor(() => expect(document.title).toBe('Dashboard – Kizuna'));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Follow-ups', 'Dashboard', 'Surveys', 'Guides', 'Projects', 'Integrations', 'Users']);
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    expect(((await screen.findByRole('combobox', { name: 'Project' })) as HTMLSelectElement).value).toBe(project.id);
    expect(screen.getByText('Admin token (Owner)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
  });

  it('follows links without reloading and moves focus to the new page heading', async () => {
    await openConsole('/dashboard', 'Dashboard');
    fireEvent.click(screen.getByRole('link', { name: 'Projects' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Projects' });
    expect(window.location.pathname).toBe('/admin/projects');
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(document.title).toBe('Projects – Kizuna');
  });

  it('switches language for every text and remembers the choice', async () => {
    await openConsole('/projects', 'Projects');
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'ja' } });
    await screen.findByRole('heading', { level: 1, name: 'プロジェクト' });
    expect(screen.getByRole('navigation', { name: 'メイン' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'フォローアップ' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ログアウト' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    expect(localStorage.getItem('kizuna.console.locale')).toBe('ja');
  });

  it('answers an unknown console address with a not-found page', async () => {
    await openConsole('/nowhere', 'Page not found');
  });

  it('shows the login page when nobody is signed in, and says when the password is wrong', async () => {
    // A browser on the console's page sends its Origin with the sign-in.
    configureApi({ headers: { origin: server.origin } });
    await openConsole('/inbox', 'Sign in');
    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'nobody@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrong password!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong e-mail or password.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('wrong password!');
    expect(window.location.pathname).toBe('/admin/inbox');
  });

  it('lands customer success on the follow-up inbox, without the owners-only Users section', async () => {
    await signInAs(server, 'cs');
    await openConsole('/', 'Follow-ups');
    expect(window.location.pathname).toBe('/admin/inbox');
    expect(screen.getByText('cs (Customer success)')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
  });

  it('signs out back to the login page', async () => {
    await signInAs(server, 'product');
    await openConsole('/', 'Dashboard');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await waitFor(() => expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull());
  });
});
