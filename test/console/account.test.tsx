// @vitest-environment console
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, PASSWORD, signInAs, type ConsoleServer } from './helpers.tsx';

describe('account page', () => {
  let server: ConsoleServer;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => (server = s),
  );

  const signInWith = (password: string) =>
    fetch(`${server.origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ email: 'cs@example.com', password }),
    });

  it('changes the password, showing a wrong current one at its field and keeping what was typed', async () => {
    await signInAs(server, 'cs');
    await openConsole('/account', 'Your account');
    expect(screen.getByText(/cs@example.com/)).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Current password'), { target: { value: 'not my password' } });
    fireEvent.input(screen.getByLabelText('New password'), { target: { value: 'a new long passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('a new long passphrase');
    expect((await signInWith(PASSWORD)).status).toBe(200);

    fireEvent.input(screen.getByLabelText('Current password'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed. Your other sessions were signed out.')).toBeTruthy();
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
    expect((await signInWith(PASSWORD)).status).toBe(401);
    expect((await signInWith('a new long passphrase')).status).toBe(200);
  });

  it('tells the admin token it has no password to change', async () => {
    await openConsole('/account', 'Your account');
    expect(screen.getByText(/admin token, which has no password/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change password' })).toBeNull();
  });
});
