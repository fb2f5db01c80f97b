// @vitest-environment console
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/schemas/account.ts';
import { adminInit, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, PASSWORD, signInAs, type ConsoleServer } from './helpers.tsx';

describe('users page', () => {
  let server: ConsoleServer;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => (server = s),
  );

  const accounts = async () => ((await (await server.t.app.request('/api/v1/admin/users', adminInit('GET'))).json()) as { items: Account[] }).items;

  it('lists console accounts and creates one with a role', async () => {
    await server.t.app.request('/api/v1/admin/users', adminInit('POST', { email: 'ken@example.com', password: PASSWORD, role: 'product', name: 'Ken' }));
    await openConsole('/users', 'Users');
    const ken = (await screen.findByRole('rowheader', { name: 'Ken' })).closest('tr')!;
    expect(within(ken).getByText('ken@example.com')).toBeTruthy();
    expect(within(ken).getByText('Product')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'hana@example.com' } });
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Hana' } });
    fireEvent.input(screen.getByLabelText('Initial password'), { target: { value: PASSWORD } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'cs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User hana@example.com created.')).toBeTruthy();
    expect(within(screen.getByRole('rowheader', { name: 'Hana' }).closest('tr')!).getByText('Customer success')).toBeTruthy();
    expect((await accounts()).map((a) => [a.email, a.role])).toEqual([
      ['ken@example.com', 'product'],
      ['hana@example.com', 'cs'],
    ]);
  });

  it('shows a taken e-mail and a short password at their fields, keeping what was typed', async () => {
    await server.t.app.request('/api/v1/admin/users', adminInit('POST', { email: 'ken@example.com', password: PASSWORD, role: 'product' }));
    await openConsole('/users', 'Users');
    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'new@example.com' } });
    fireEvent.input(screen.getByLabelText('Initial password'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Initial password').getAttribute('aria-invalid')).toBe('true');

    fireEvent.input(screen.getByLabelText('E-mail'), { target: { value: 'ken@example.com' } });
    fireEvent.input(screen.getByLabelText('Initial password'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('This e-mail already has an account.')).toBeTruthy();
    expect((screen.getByLabelText('E-mail') as HTMLInputElement).value).toBe('ken@example.com');
    expect(await accounts()).toHaveLength(1);
  });

  it('is for owners only: others neither see it in the navigation nor get the list', async () => {
    await signInAs(server, 'admin');
    await openConsole('/users', 'Users');
    expect(screen.getByText('Your role cannot do this.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create user' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
  });
});
