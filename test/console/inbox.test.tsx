// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/schemas/account.ts';
import type { FollowupDetail, FollowupPage } from '../../shared/schemas/followup.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { adminInit, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';
import { seedAnswers } from './seed.ts';

describe('follow-up inbox', () => {
  let server: ConsoleServer;
  let project: Project;
  eachConsoleServer(
    async (store) => {
      const seeded = await seedProject(store);
      await seedAnswers(store, seeded.project, seeded.survey, [
        { userId: 'cust-old', score: 2, daysAgo: 10, comment: 'Invoices fail to send', factors: { billing: -3 }, attributes: { plan: 'pro', ltv: 120000 } },
        { userId: 'cust-mid', score: 5, daysAgo: 5, comment: 'Too slow' },
        { userId: 'cust-new', score: 0, daysAgo: 0.5 },
        { userId: 'happy', score: 10, daysAgo: 0.2 },
        { userId: 'cust-old', score: 8, daysAgo: 40, comment: 'Pretty good' },
      ]);
      return seeded;
    },
    (s) => {
      server = s;
      project = s.project;
    },
  );

  const list = async (query: string) =>
    (await (await server.t.app.request(`/api/v1/admin/projects/${project.id}/followups?${query}`, adminInit('GET'))).json()) as FollowupPage;
  const idOf = async (userId: string) => (await list('')).items.find((f) => f.userId === userId)!.id;
  const rowUsers = () => [...document.querySelectorAll('table.inbox tbody tr')].map((row) => within(row as HTMLElement).getByRole('rowheader').textContent);

  it('shows the open follow-ups with counts per tab, and switching tabs filters the list', async () => {
    await server.t.app.request(`/api/v1/admin/followups/${await idOf('cust-mid')}`, adminInit('PATCH', { status: 'resolved' }));
    await openConsole('/inbox', 'Follow-ups');
    const open = await screen.findByRole('tab', { name: 'Open (2)' });
    expect(open.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'In progress (0)' })).toBeTruthy();
    await waitFor(() => expect(rowUsers()).toEqual(['cust-new', 'cust-old']));
    const row = screen.getByRole('rowheader', { name: 'cust-old' }).closest('tr')!;
    expect(within(row).getByText('Invoices fail to send')).toBeTruthy();
    expect(within(row).getByText('2')).toBeTruthy();
    expect(within(row).getByText('Unassigned')).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Resolved (1)' }));
    await waitFor(() => expect(rowUsers()).toEqual(['cust-mid']));
    expect(window.location.search).toBe('?status=resolved');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Resolved (1)' }), { key: 'Home' });
    await waitFor(() => expect(rowUsers()).toEqual(['cust-new', 'cust-old']));
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Open (2)' }));
  });

  it('marks overdue follow-ups in words, and filters by overdue, score, assignee and sorts', async () => {
    await signInAs(server, 'cs');
    await openConsole('/inbox', 'Follow-ups');
    // Answered 10 and 5 days ago: due 2 business days later, so overdue now; the half-day-old one is not.
    const old = (await screen.findByRole('rowheader', { name: 'cust-old' })).closest('tr')!;
    expect(within(old).getByText('Overdue')).toBeTruthy();
    expect(within(screen.getByRole('rowheader', { name: 'cust-new' }).closest('tr')!).queryByText('Overdue')).toBeNull();
    expect(rowUsers()).toEqual(['cust-new', 'cust-mid', 'cust-old']);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    await waitFor(() => expect(rowUsers()).toEqual(['cust-mid', 'cust-old']));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'oldest' } });
    await waitFor(() => expect(rowUsers()).toEqual(['cust-old', 'cust-mid', 'cust-new']));
    fireEvent.input(screen.getByLabelText('Score from'), { target: { value: '1' } });
    fireEvent.input(screen.getByLabelText('Score to'), { target: { value: '4' } });
    await waitFor(() => expect(rowUsers()).toEqual(['cust-old']));
    expect(new URLSearchParams(window.location.search).toString()).toBe('sort=oldest&minScore=1&maxScore=4');
    fireEvent.input(screen.getByLabelText('Score from'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Score to'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'me' } });
    await screen.findByText('Nothing here. 🎉');
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: 'none' } });
    await waitFor(() => expect(rowUsers()).toEqual(['cust-old', 'cust-mid', 'cust-new']));
  });

  it('shows a follow-up: score, user and attributes, touchpoint answers with labels, comment and earlier answers', async () => {
    await openConsole(`/inbox/${await idOf('cust-old')}`, 'Follow-up: cust-old');
    const answer = screen.getByRole('region', { name: 'Answer' });
    expect(within(answer).getByText('Invoices fail to send')).toBeTruthy();
    expect(within(answer).getByText('plan').nextElementSibling!.textContent).toBe('pro');
    expect(within(answer).getByText('ltv').nextElementSibling!.textContent).toBe('120000');
    expect((await within(answer).findByText('Billing')).nextElementSibling!.textContent).toBe('−3 Very negative');
    const earlier = screen.getByRole('region', { name: 'Earlier responses' });
    expect(within(earlier).getByText('Pretty good')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Timeline' })).getByText(/opened the follow-up/)).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Back to follow-ups' }));
    await screen.findByRole('heading', { level: 1, name: 'Follow-ups' });
  });

  it('adds a note to the timeline, assigns, sets the status and the due date', async () => {
    const id = await idOf('cust-old');
    await signInAs(server, 'cs');
    await openConsole(`/inbox/${id}`, 'Follow-up: cust-old');
    const timeline = screen.getByRole('region', { name: 'Timeline' });

    fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'Called the customer, will retry the invoice run.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await within(timeline).findByText('Called the customer, will retry the invoice run.')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe(''));

    fireEvent.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(await within(timeline).findByText('assigned it to cs')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'in_progress' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set status' }));
    expect(await within(timeline).findByText('changed the status from Open to In progress')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Due date'), { target: { value: '2030-01-15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set due date' }));
    expect(await within(timeline).findByText(/set the due date to Jan 15, 2030/)).toBeTruthy();

    const stored = (await (await server.t.app.request(`/api/v1/admin/followups/${id}`, adminInit('GET'))).json()) as FollowupDetail;
    expect(stored).toMatchObject({ status: 'in_progress', assignee: 'cs@example.com', overdue: false });
    expect(new Date(stored.dueAt!).getDate()).toBe(15);
  });

  it('keeps the typed note and says why when a save fails', async () => {
    await openConsole(`/inbox/${await idOf('cust-new')}`, 'Follow-up: cust-new');
    const tooLong = 'x'.repeat(5001);
    fireEvent.input(screen.getByLabelText('Note'), { target: { value: tooLong } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Some fields need attention: see the messages next to them.');
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe(tooLong);
    expect(screen.getByLabelText('Note').getAttribute('aria-invalid')).toBe('true');
  });

  it('assigns to an enabled account picked from a list, never typed', async () => {
    const user = (email: string, name: string) => server.t.app.request('/api/v1/admin/users', adminInit('POST', { email, password: 'correct horse battery', role: 'cs', name }));
    await user('hana@example.com', 'Hana');
    const ken = (await (await user('ken@example.com', 'Ken')).json()) as Account;
    await server.t.app.request(`/api/v1/admin/users/${ken.id}`, adminInit('PATCH', { disabled: true }));
    await openConsole(`/inbox/${await idOf('cust-new')}`, 'Follow-up: cust-new');
    const assignTo = screen.getByLabelText('Assign to') as HTMLSelectElement;
    expect(assignTo.tagName).toBe('SELECT');
    await waitFor(() => expect([...assignTo.options].map((o) => o.textContent)).toEqual(['Choose a person…', 'Hana <hana@example.com>']));

    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect(await screen.findByText('Choose who to assign it to.')).toBeTruthy();
    fireEvent.change(assignTo, { target: { value: 'hana@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect(await screen.findByText('assigned it to Hana')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Answer' })).getByText('Hana')).toBeTruthy();
  });

  it('still shows a removed or disabled person by name, marked, as assignee and in the timeline', async () => {
    const user = async (email: string, name: string) =>
      (await (await server.t.app.request('/api/v1/admin/users', adminInit('POST', { email, password: 'correct horse battery', role: 'cs', name }))).json()) as Account;
    const taro = await user('taro@example.com', 'Taro Yamada');
    const ken = await user('ken@example.com', 'Ken');
    // What they did while their accounts were there.
    await server.t.store.followups.update(await idOf('cust-new'), { assignee: 'taro@example.com', note: 'Calling them.' }, 'taro@example.com', new Date());
    await server.t.store.followups.update(await idOf('cust-mid'), { assignee: 'ken@example.com' }, 'ken@example.com', new Date());
    await server.t.app.request(`/api/v1/admin/users/${taro.id}`, adminInit('DELETE'));
    await server.t.app.request(`/api/v1/admin/users/${ken.id}`, adminInit('PATCH', { disabled: true }));

    await openConsole('/inbox', 'Follow-ups');
    const assigneeOf = async (userId: string) => within((await screen.findByRole('rowheader', { name: userId })).closest('tr')!).getAllByRole('cell')[2]!.textContent;
    await waitFor(async () => expect(await assigneeOf('cust-new')).toBe('Taro Yamada (removed)'));
    expect(await assigneeOf('cust-mid')).toBe('Ken (disabled)');
    const filter = screen.getByLabelText('Assignee') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.textContent)).toContain('Taro Yamada (removed) <taro@example.com>');
    fireEvent.change(filter, { target: { value: 'taro@example.com' } });
    await waitFor(() => expect(rowUsers()).toEqual(['cust-new']));

    fireEvent.click(screen.getByRole('link', { name: 'cust-new' }));
    await screen.findByRole('heading', { level: 1, name: 'Follow-up: cust-new' });
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(await within(timeline).findByText('assigned it to Taro Yamada (removed)')).toBeTruthy();
    expect(within(timeline).getAllByText('Taro Yamada (removed)')).toHaveLength(2);
    expect(within(screen.getByRole('region', { name: 'Answer' })).getByText('Taro Yamada (removed)')).toBeTruthy();
  });

  it('shows a role that cannot work follow-ups no actions', async () => {
    await signInAs(server, 'product');
    await openConsole(`/inbox/${await idOf('cust-new')}`, 'Follow-up: cust-new');
    expect(screen.getByRole('region', { name: 'Timeline' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();
  });
});
