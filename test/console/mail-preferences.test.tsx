// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../console/i18n/index.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { adminInit, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';

const MAIL = { smtpUrl: 'smtp://127.0.0.1:9', from: 'kizuna@example.com' };

/** The account's stored choices and language, as the server has them. */
const stored = async (server: ConsoleServer, email: string) => {
  const account = (await server.t.store.consoleAccounts.list()).find((a) => a.email === email)!;
  return { ...(await server.t.store.mailPreferences.get(account.id)), language: (await server.t.store.mailPreferences.recipient(account.id))!.language };
};

describe('e-mail notifications on the account page', () => {
  let server: ConsoleServer;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => (server = s),
    { mail: MAIL },
  );

  it('saves the three choices, each a labelled checkbox in one group', async () => {
    await signInAs(server, 'cs');
    await openConsole('/account', 'Your account');
    const form = await screen.findByRole('form', { name: 'E-mail notifications' });
    const group = within(form).getByRole('group', { name: 'Send me an e-mail when' });
    expect(within(form).getByText('Sent to cs@example.com, in the language you use the console in.')).toBeTruthy();
    const assigned = within(group).getByLabelText('a follow-up is assigned to me') as HTMLInputElement;
    const digest = within(group).getByLabelText(/daily|every morning/) as HTMLInputElement;
    expect(assigned.checked).toBe(false);
    fireEvent.click(assigned);
    fireEvent.click(digest);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('E-mail notifications saved.')).toBeTruthy();
    expect(await stored(server, 'cs@example.com')).toMatchObject({ assigned: true, newDetractor: false, dailyDigest: true });
  });

  it('is in Japanese in Japanese, and switching the language records it for the account’s mails', async () => {
    await signInAs(server, 'cs');
    await openConsole('/account', 'Your account');
    await screen.findByRole('form', { name: 'E-mail notifications' });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ja' } });
    const form = await screen.findByRole('form', { name: 'メール通知' });
    expect(within(form).getByRole('group', { name: '次のときにメールを受け取る' })).toBeTruthy();
    fireEvent.click(within(form).getByLabelText('いずれかのプロジェクトで新しい批判者が回答したとき（すぐに）'));
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText('メール通知の設定を保存しました。')).toBeTruthy();
    await waitFor(async () => expect(await stored(server, 'cs@example.com')).toMatchObject({ newDetractor: true, language: 'ja' }));
  });
});

describe('e-mail notifications without mail set up', () => {
  let server: ConsoleServer;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => (server = s),
  );

  it('says mail is not set up instead of offering choices, in either language', async () => {
    await signInAs(server, 'cs');
    await openConsole('/account', 'Your account');
    const section = await screen.findByRole('region', { name: 'E-mail notifications' });
    expect(within(section).getByText(/E-mail is not set up on this server/)).toBeTruthy();
    expect(within(section).queryByRole('checkbox')).toBeNull();
    setLocale('ja');
    expect(await screen.findByText(/このサーバーではメール送信が設定されていない/)).toBeTruthy();
  });
});

describe('the project’s language and time zone in its settings', () => {
  let server: ConsoleServer;
  let project: Project;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => ({ project } = server = s),
  );

  it('saves them, and shows the server’s word on a time zone it does not know at the field', async () => {
    await openConsole(`/projects/${project.id}`, 'Acme');
    expect((screen.getByLabelText('Time zone') as HTMLInputElement).value).toBe('Asia/Tokyo');
    fireEvent.change(screen.getByLabelText('Language of Slack messages and e-mails'), { target: { value: 'en' } });
    fireEvent.input(screen.getByLabelText('Time zone'), { target: { value: 'Mars/Olympus' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must be an IANA time zone/)).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    const saved = (await (await server.t.app.request(`/api/v1/admin/projects/${project.id}`, adminInit('GET'))).json()) as Project;
    expect(saved).toMatchObject({ language: 'en', timeZone: 'Europe/Berlin' });
  });
});
