// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { navigate } from '../../console/router.ts';
import { guideUpdate, type Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { GUIDE_STEPS, seedGuide, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';

const APP = 'https://app.example.com';

/** What `window.open('', '_blank')` hands back: the new tab, as far as the console touches it. */
interface FakeTab {
  opener: unknown;
  location: { href: string };
  closed: boolean;
  close(): void;
}

/** Stubs the browser's `window.open`: a fake tab, or null as when a popup blocker stops it. */
function stubOpen(blocked = false): { tab: FakeTab; open: ReturnType<typeof vi.fn> } {
  const tab: FakeTab = {
    opener: window,
    location: { href: 'about:blank' },
    closed: false,
    close() {
      this.closed = true;
    },
  };
  const open = vi.fn(() => (blocked ? null : (tab as unknown as Window)));
  vi.spyOn(window, 'open').mockImplementation(open);
  return { tab, open };
}

describe('edit in app', () => {
  let server: ConsoleServer;
  let project: Project;
  let guide: Guide;
  eachConsoleServer(
    async (store) => {
      const seeded = await seedProject(store, {}, { allowedOrigins: [APP] });
      return { ...seeded, guide: await seedGuide(store, seeded.project.id, { name: 'Invoices tour' }) };
    },
    (s) => {
      server = s;
      ({ project, guide } = s);
    },
  );
  afterEach(() => vi.restoreAllMocks());

  const openGuide = () => openConsole(`/guides/${guide.id}`, 'Guide: Invoices tour');
  const editInApp = () => screen.queryByRole('button', { name: 'Edit in app' });
  /** Opens the dialog and waits for its form (it reads the project first). */
  async function openDialog() {
    // As a click in a browser does.
    editInApp()!.focus();
    fireEvent.click(editInApp()!);
    const dialog = screen.getByRole('dialog', { name: 'Edit in app' });
    await within(dialog).findByLabelText('Page of your app');
    return dialog;
  }
  const urlField = (dialog: HTMLElement) => within(dialog).getByLabelText('Page of your app') as HTMLInputElement;
  const submit = (dialog: HTMLElement) => fireEvent.click(within(dialog).getByRole('button', { name: 'Open in a new tab' }));
  const stepTitle = (n: number) => screen.getByLabelText(`Step ${n}: Title: English`) as HTMLInputElement;
  /** Opens the guide's page of the app in a (fake) tab, and closes the dialog. */
  async function leaveForApp() {
    stubOpen();
    await openGuide();
    const dialog = await openDialog();
    fireEvent.input(urlField(dialog), { target: { value: `${APP}/invoices` } });
    submit(dialog);
    await within(dialog).findByText(/Your app opened/);
    fireEvent.keyDown(dialog, { key: 'Escape' });
  }
  /** The steps as someone saved them in the app meanwhile. */
  const saveStepsElsewhere = () =>
    server.t.store.guides.update(guide.id, guideUpdate.parse({ steps: [{ ...GUIDE_STEPS[0], target: '#invoice-list', title: 'All invoices' }, ...GUIDE_STEPS.slice(1)] }));

  it('is offered on a stored guide, not on a new one', async () => {
    await openGuide();
    expect(editInApp()).not.toBeNull();
    // Replacing, as typing the address: after an in-app navigation later pages' headings would take focus when they mount.
    navigate('/guides/new', { replace: true });
    await screen.findByRole('heading', { level: 1, name: 'New guide' });
    expect(editInApp()).toBeNull();
  });

  it.each([
    ['product', true],
    ['cs', false],
  ] as const)('is offered to a %s account only if its role may change guides (%s)', async (role, offered) => {
    await signInAs(server, role);
    await openGuide();
    expect(editInApp() !== null).toBe(offered);
  });

  it('asks for the page the widget was last seen on, takes focus, and gives it back on Esc', async () => {
    await server.t.store.projects.recordSeen(project.id, `${APP}/invoices?tab=open`, new Date());
    await openGuide();
    const dialog = await openDialog();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(urlField(dialog).value).toBe(`${APP}/invoices?tab=open`);
    expect(within(dialog).queryByText(/must load the Kizuna snippet/)).toBeNull();
    expect(within(dialog).getByText(/works once, within 10 minutes/)).toBeTruthy();

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(editInApp());
  });

  it('starts empty, saying the page must load the snippet, when the widget was never seen', async () => {
    await openGuide();
    const field = urlField(await openDialog());
    expect(field.value).toBe('');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toMatch(/must load the Kizuna snippet/);
  });

  it('opens the returned link in the tab it opened on submit, cut from the console', async () => {
    const { tab, open } = stubOpen();
    await openGuide();
    const dialog = await openDialog();
    fireEvent.input(urlField(dialog), { target: { value: `${APP}/invoices` } });
    submit(dialog);
    expect(open).toHaveBeenCalledWith('', '_blank');
    await within(dialog).findByText(/Your app opened in a new tab/);
    expect(tab.location.href).toMatch(new RegExp(`^${APP}/invoices#kizuna-authoring=[\\w-]{20,}$`));
    expect(tab.opener).toBeNull();
    expect(tab.closed).toBe(false);
  });

  it("shows a page outside the project's allowed origins at the field, closes the tab and keeps what was typed", async () => {
    const { tab } = stubOpen();
    await openGuide();
    const dialog = await openDialog();
    fireEvent.input(urlField(dialog), { target: { value: 'https://elsewhere.example.com/x' } });
    submit(dialog);
    await waitFor(() => expect(urlField(dialog).getAttribute('aria-invalid')).toBe('true'));
    const described = urlField(dialog).getAttribute('aria-describedby')!;
    expect(document.getElementById(described.split(' ').at(-1)!)!.textContent).toMatch(/https:\/\/elsewhere\.example\.com is not among the allowed origins/);
    expect(tab.closed).toBe(true);
    expect(tab.location.href).toBe('about:blank');
    expect(urlField(dialog).value).toBe('https://elsewhere.example.com/x');
    expect(within(dialog).queryByText(/Your app opened/)).toBeNull();
  });

  it('offers the link to click when the browser blocked the tab', async () => {
    stubOpen(true);
    await openGuide();
    const dialog = await openDialog();
    fireEvent.input(urlField(dialog), { target: { value: `${APP}/invoices` } });
    submit(dialog);
    const link = (await within(dialog).findByRole('link', { name: 'Open your app in a new tab' })) as HTMLAnchorElement;
    expect(link.href).toMatch(new RegExp(`^${APP}/invoices#kizuna-authoring=`));
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener');
    expect(within(dialog).queryByText(/Your app opened/)).toBeNull();
  });

  it('shows the steps saved in the app when the console has focus again', async () => {
    await leaveForApp();

    await saveStepsElsewhere();
    fireEvent.focus(window);
    await screen.findByText('Reloaded: the guide as saved in your app.');
    expect(stepTitle(1).value).toBe('All invoices');
    expect((screen.getAllByLabelText('Target (CSS selector)')[0] as HTMLInputElement).value).toBe('#invoice-list');
  });

  it('counts changes as saved once Save succeeded', async () => {
    await leaveForApp();

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Invoice tour' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Guide saved.');
    await saveStepsElsewhere();
    fireEvent.focus(window);
    await screen.findByText('Reloaded: the guide as saved in your app.');
    expect(stepTitle(1).value).toBe('All invoices');
  });

  it('leaves a form with unsaved changes alone when nothing was saved in the app', async () => {
    await leaveForApp();

    fireEvent.input(stepTitle(3), { target: { value: 'All done' } });
    const fetched = vi.spyOn(globalThis, 'fetch');
    fireEvent.focus(window);
    await waitFor(() => expect(fetched).toHaveBeenCalledWith(expect.stringContaining(`/guides/${guide.id}`), expect.anything()));
    await fetched.mock.results[0]!.value;
    // The answer is read and acted on within a few microtasks of arriving.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText(/unsaved changes/)).toBeNull();
    expect(screen.queryByText(/Reloaded/)).toBeNull();
    expect(stepTitle(3).value).toBe('All done');
  });

  it('keeps unsaved changes when the guide was changed in the app meanwhile, and says so', async () => {
    await leaveForApp();

    fireEvent.input(stepTitle(3), { target: { value: 'All done' } });
    await saveStepsElsewhere();
    fireEvent.focus(window);
    await screen.findByText(/this form has unsaved changes, so it was not reloaded/);
    expect(stepTitle(1).value).toBe('Invoices');
    expect(stepTitle(3).value).toBe('All done');
  });
});
