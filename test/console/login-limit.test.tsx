// @vitest-environment console
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { configureApi } from '../../console/api.ts';
import { setLocale } from '../../console/i18n/index.ts';
import { eachConsoleServer, openConsole, type ConsoleServer } from './helpers.tsx';

describe('console login while sign-ins are blocked', () => {
  let server: ConsoleServer;
  eachConsoleServer(async () => ({}), (s) => (server = s));

  it('says how long to wait, from Retry-After, in English and Japanese, keeping what was typed', async () => {
    // As after ten wrong passwords and a few more: blocked for the next 4 minutes (less a little).
    const now = Date.now();
    await server.t.store.loginFailures.update('account:sato@example.com', () => ({
      failures: 12,
      firstFailureAt: new Date(now),
      blockedUntil: new Date(now + 4 * 60_000 - 5_000),
    }));
    configureApi({ headers: { origin: server.origin } });
    await openConsole('/', 'Sign in');
    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'Sato@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'the right one, maybe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Wait 4 minutes and try again.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('the right one, maybe');

    setLocale('ja');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('試行回数が多すぎます。4分ほど待ってから、もう一度お試しください。'));
  });
});
