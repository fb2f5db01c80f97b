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
    // Hashing the password (scrypt) takes most of a second on a busy machine.
    expect(await screen.findByText('User hana@example.com created.', {}, { timeout: 5000 })).toBeTruthy();
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

  const ken = async (role = 'product') =>
    (await (await server.t.app.request('/api/v1/admin/users', adminInit('POST', { email: 'ken@example.com', password: PASSWORD, role, name: 'Ken' }))).json()) as Account;
  const rowOf = async (name: string) => (await screen.findByRole('rowheader', { name })).closest('tr')!;

  it('changes a role in a dialog, disables and enables an account, and marks disabled ones', async () => {
    const created = await ken();
    await openConsole('/users', 'Users');
    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Change role of Ken' }));
    const dialog = screen.getByRole('dialog', { name: 'Change role of Ken' });
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Change role of Ken' }));
    fireEvent.change(within(dialog).getByLabelText('Role'), { target: { value: 'admin' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save role' }));
    expect(await screen.findByText('Ken is now Admin.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(await rowOf('Ken')).getByText('Admin')).toBeTruthy();
    expect(within(await rowOf('Ken')).getByText('Active')).toBeTruthy();

    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Disable Ken' }));
    expect(await screen.findByText('Ken is disabled and signed out everywhere.')).toBeTruthy();
    expect(within(await rowOf('Ken')).getByText('Disabled')).toBeTruthy();
    expect((await accounts()).find((a) => a.id === created.id)).toMatchObject({ role: 'admin', disabled: true });

    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Enable Ken' }));
    expect(await screen.findByText('Ken can sign in again.')).toBeTruthy();
    expect((await accounts()).find((a) => a.id === created.id)).toMatchObject({ disabled: false });
  });

  it('removes an account only once confirmed, then lists it as removed', async () => {
    await ken();
    await openConsole('/users', 'Users');
    expect(await screen.findByText('No account has been removed.')).toBeTruthy();
    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Remove Ken' }));
    let dialog = screen.getByRole('dialog', { name: 'Remove Ken?' });
    expect(within(dialog).getByText(/ken@example\.com/)).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await accounts()).toHaveLength(1);

    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Remove Ken' }));
    dialog = screen.getByRole('dialog', { name: 'Remove Ken?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove account' }));
    expect(await screen.findByText('Ken was removed.')).toBeTruthy();
    expect(await accounts()).toEqual([]);
    const removed = screen.getByRole('region', { name: 'Removed accounts' });
    const row = within(removed).getByRole('rowheader', { name: 'Ken' }).closest('tr')!;
    expect(within(row).getByText('ken@example.com')).toBeTruthy();
    expect(within(row).getByText('Admin token')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove Ken' })).toBeNull();
  });

  it('says in words why the last owner can be neither demoted, disabled nor removed', async () => {
    await ken('owner');
    await openConsole('/users', 'Users');
    const lastOwner = 'This is the last owner who can sign in: make another account an owner first.';

    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Change role of Ken' }));
    const roleDialog = screen.getByRole('dialog', { name: 'Change role of Ken' });
    fireEvent.change(within(roleDialog).getByLabelText('Role'), { target: { value: 'cs' } });
    fireEvent.click(within(roleDialog).getByRole('button', { name: 'Save role' }));
    expect((await within(roleDialog).findByRole('alert')).textContent).toBe(lastOwner);
    expect(within(roleDialog).getByLabelText('Role').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(within(roleDialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Disable Ken' }));
    expect((await screen.findByRole('alert')).textContent).toBe(lastOwner);

    fireEvent.click(within(await rowOf('Ken')).getByRole('button', { name: 'Remove Ken' }));
    const removeDialog = screen.getByRole('dialog', { name: 'Remove Ken?' });
    fireEvent.click(within(removeDialog).getByRole('button', { name: 'Remove account' }));
    expect((await within(removeDialog).findByRole('alert')).textContent).toBe(lastOwner);
    expect((await accounts()).map((a) => [a.role, a.disabled])).toEqual([['owner', false]]);
  });

  it('is for owners only: others neither see it in the navigation nor get the list', async () => {
    await signInAs(server, 'admin');
    await openConsole('/users', 'Users');
    expect(screen.getByText('Your role cannot do this.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create user' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
  });
});
