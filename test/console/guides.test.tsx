// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Guide } from '../../shared/schemas/guide.ts';
import type { Project } from '../../shared/schemas/project.ts';
import { adminInit, seedGuide, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';
import { sendEvents } from './seed.ts';

describe('guides pages', () => {
  let server: ConsoleServer;
  let project: Project;
  let guide: Guide;
  eachConsoleServer(
    async (store) => {
      const seeded = await seedProject(store);
      return { ...seeded, guide: await seedGuide(store, seeded.project.id, { name: 'Invoices tour' }) };
    },
    (s) => {
      server = s;
      ({ project, guide } = s);
    },
  );

  const readGuide = async (id = guide.id) => (await (await server.t.app.request(`/api/v1/admin/guides/${id}`, adminInit('GET'))).json()) as Guide;
  const stepItem = (n: number) => screen.getByRole('heading', { level: 3, name: `Step ${n}` }).closest('li')!;

  it('lists guides with how many users were shown, completed and dismissed them, and the step funnel', async () => {
    const users = ['a', 'b', 'c', 'd'];
    await sendEvents(server.t, project, [
      ...users.map((userId) => ({ type: 'guide_shown' as const, userId, guideId: guide.id })),
      ...users.map((userId) => ({ type: 'guide_step_shown' as const, userId, guideId: guide.id, stepIndex: 0 })),
      ...['a', 'b', 'c'].map((userId) => ({ type: 'guide_step_completed' as const, userId, guideId: guide.id, stepIndex: 0 })),
      ...['a', 'b'].map((userId) => ({ type: 'guide_step_shown' as const, userId, guideId: guide.id, stepIndex: 1 })),
      { type: 'guide_completed', userId: 'a', guideId: guide.id },
      { type: 'guide_dismissed', userId: 'd', guideId: guide.id },
    ]);
    await openConsole('/guides', 'Guides');
    const item = (await screen.findByRole('link', { name: 'Invoices tour' })).closest('li')!;
    await waitFor(() => expect(within(item).getByText('Shown', { selector: 'dt' }).nextElementSibling!.textContent).toBe('4'));
    expect(within(item).getByText('Completed', { selector: 'dt' }).nextElementSibling!.textContent).toBe('1');
    expect(within(item).getByText('Dismissed').nextElementSibling!.textContent).toBe('1');
    expect(within(item).getByRole('img').getAttribute('aria-label')).toBe('3 steps: 4 users shown the first, 0 completed the last.');
    const funnel = within(item).getAllByRole('row').slice(1).map((row) => [...row.children].map((cell) => cell.textContent));
    expect(funnel).toEqual([
      ['Step 1', '4', '3'],
      ['Step 2', '2', '0'],
      ['Step 3', '0', '0'],
    ]);
  });

  it('edits steps (texts, target, placement, order), trigger and frequency, and saves them', async () => {
    await openConsole(`/guides/${guide.id}`, 'Guide: Invoices tour');
    expect((within(stepItem(2)).getByLabelText('Target (CSS selector)') as HTMLInputElement).value).toBe('[data-testid="new-invoice"]');

    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    const added = stepItem(4);
    fireEvent.input(within(added).getByLabelText('Step 4: Title: English'), { target: { value: 'Export' } });
    fireEvent.input(within(added).getByLabelText('Step 4: Title: 日本語'), { target: { value: '書き出し' } });
    fireEvent.input(within(added).getByLabelText('Step 4: Text (bold, italic, links and lists in Markdown): English'), { target: { value: 'Download **CSV**.' } });
    fireEvent.input(within(added).getByLabelText('Target (CSS selector)'), { target: { value: '#export' } });
    fireEvent.change(within(added).getByLabelText('Placement'), { target: { value: 'left' } });
    fireEvent.change(within(added).getByLabelText('Next step when'), { target: { value: 'click' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move Export up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Done' }));
    fireEvent.input(screen.getByLabelText('Page URL (glob, * matches anything)'), { target: { value: '/invoices*' } });
    fireEvent.change(screen.getByLabelText('Frequency'), { target: { value: 'always' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Guide saved.')).toBeTruthy();

    const saved = await readGuide();
    expect(saved.steps.map((s) => s.title)).toEqual(['Invoices', { ja: '新規作成', en: 'Create' }, { en: 'Export', ja: '書き出し' }]);
    expect(saved.steps[1]!.target).toEqual({ selector: '[data-testid="new-invoice"]', text: 'New', fallbacks: ['#new'] });
    expect(saved.steps[2]).toMatchObject({ target: '#export', placement: 'left', advance: 'click', body: { en: 'Download **CSV**.' } });
    expect(saved).toMatchObject({ trigger: { url: '/invoices*', delaySeconds: 0 }, frequency: 'always' });
  });

  it('drops a captured target’s text and fallbacks once its selector is edited to point elsewhere', async () => {
    await openConsole(`/guides/${guide.id}`, 'Guide: Invoices tour');
    const field = within(stepItem(2)).getByLabelText('Target (CSS selector)');
    const hint = () => document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0]!)!.textContent;
    expect(hint()).toBe('Picked in your app: also told apart by its text “New”, with 1 other selector if this one stops matching. Editing the selector drops them.');
    fireEvent.input(field, { target: { value: '#create-invoice' } });
    expect(hint()).toBe('Empty: a centred dialog with no target.');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Guide saved.')).toBeTruthy();
    // `#new` (a fallback) and "New" (the text) described the element captured before.
    expect((await readGuide()).steps[1]!.target).toBe('#create-invoice');
  });

  it('creates a guide with an audience and shows server errors at the step fields', async () => {
    await openConsole('/guides/new', 'New guide');
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Welcome' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('alert');
    expect(within(stepItem(1)).getAllByText(/./, { selector: '.field-error' }).length).toBeGreaterThan(0);

    fireEvent.input(within(stepItem(1)).getByLabelText('Step 1: Title: English'), { target: { value: 'Welcome!' } });
    fireEvent.input(within(stepItem(1)).getByLabelText('Step 1: Text (bold, italic, links and lists in Markdown): English'), { target: { value: 'Hello.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add condition (At least one of these)' }));
    fireEvent.input(screen.getByLabelText('Attribute'), { target: { value: 'signedUpAt' } });
    fireEvent.change(screen.getByLabelText('Condition'), { target: { value: 'newerThanDays' } });
    fireEvent.input(screen.getByLabelText('Value'), { target: { value: '14' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 1, name: 'Guide: Welcome' });
    const created = await readGuide(window.location.pathname.split('/').at(-1));
    expect(created).toMatchObject({ name: 'Welcome', audience: { any: [{ attribute: 'signedUpAt', op: 'newerThanDays', value: 14 }] }, steps: [{ title: { en: 'Welcome!' } }] });
  });

  it('shows a role that cannot change guides no Save, Add or New guide', async () => {
    await signInAs(server, 'cs');
    await openConsole('/guides', 'Guides');
    expect(screen.queryByRole('link', { name: 'New guide' })).toBeNull();
    fireEvent.click(await screen.findByRole('link', { name: 'Invoices tour' }));
    await screen.findByRole('heading', { level: 1, name: 'Guide: Invoices tour' });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add step' })).toBeNull();
  });
});
