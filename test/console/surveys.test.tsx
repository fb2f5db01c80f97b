// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { PREVIEW_HOST_TAG } from '../../console/components/survey-preview.tsx';
import type { Survey } from '../../shared/schemas/survey.ts';
import { adminInit, seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, signInAs, type ConsoleServer } from './helpers.tsx';

describe('surveys pages', () => {
  let server: ConsoleServer;
  let survey: Survey;
  eachConsoleServer(
    (store) => seedProject(store),
    (s) => {
      server = s;
      survey = s.survey;
    },
  );

  const readSurvey = async () => (await (await server.t.app.request(`/api/v1/admin/surveys/${survey.id}`, adminInit('GET'))).json()) as Survey;
  /** The survey card inside the preview's shadow root. */
  function preview() {
    const card = document.querySelector(PREVIEW_HOST_TAG)?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
    if (!card) throw new Error('no survey card in the preview');
    return within(card);
  }
  /** Answers a score in the preview card and moves on to its touchpoint step. */
  function toTouchpointStep() {
    fireEvent.click(preview().getByRole('radio', { name: '3' }));
    fireEvent.click(preview().getByRole('button', { name: 'Next' }));
  }
  /** The touchpoint names the preview card asks about, in order. */
  const previewTouchpoints = () =>
    preview()
      .getAllByRole('radiogroup')
      .map((group) => document.querySelector(PREVIEW_HOST_TAG)!.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent);
  /** The survey editor at its address, once the preview has its card. */
  async function openEditor(path = `/surveys/${survey.id}`, heading = 'Survey: NPS') {
    await openConsole(path, heading);
    await waitFor(() => preview());
  }
  const touchpointItem = (n: number) => screen.getByRole('heading', { level: 3, name: `Touchpoint ${n}` }).closest('li')!;

  it('lists the project’s surveys with links to the editor and the dashboard', async () => {
    await openConsole('/surveys', 'Surveys');
    const row = (await screen.findByRole('link', { name: 'NPS' })).closest('li')!;
    expect(within(row).getByText('3 touchpoints')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe(`/admin/dashboard?survey=${survey.id}`);
    fireEvent.click(within(row).getByRole('link', { name: 'NPS' }));
    await screen.findByRole('heading', { level: 1, name: 'Survey: NPS' });
  });

  it('previews the real survey card, updating the question as it is typed, in either language', async () => {
    await openEditor();
    expect(preview().getByRole('heading', { name: /How likely are you to recommend/ })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Question: English'), { target: { value: 'Would you recommend Acme?' } });
    await waitFor(() => expect(preview().getByRole('heading', { name: 'Would you recommend Acme?' })).toBeTruthy());
    fireEvent.click(screen.getByRole('radio', { name: '日本語' }));
    await waitFor(() => expect(preview().getByRole('heading', { name: /この製品を友人や同僚に/ })).toBeTruthy());
    expect(preview().getByText('アンケート')).toBeTruthy();
  });

  it('adds, reorders and removes touchpoints, the preview following, and saves them in that order', async () => {
    await openEditor();
    toTouchpointStep();
    expect(previewTouchpoints()).toEqual(['In-app guide', 'Support', 'Billing']);

    fireEvent.click(screen.getByRole('button', { name: 'Add touchpoint' }));
    const added = touchpointItem(4);
    fireEvent.input(within(added).getByLabelText('Key'), { target: { value: 'docs' } });
    fireEvent.input(within(added).getByLabelText('Touchpoint 4: Label: English'), { target: { value: 'Help docs' } });
    fireEvent.input(within(added).getByLabelText('Touchpoint 4: Label: 日本語'), { target: { value: 'ヘルプ' } });
    // The card stays on its step and follows the edits.
    await waitFor(() => expect(previewTouchpoints().at(-1)).toBe('Help docs'));

    fireEvent.click(screen.getByRole('button', { name: 'Move Help docs up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Help docs up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Billing' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move In-app guide down' }));
    await waitFor(() => expect(previewTouchpoints()).toEqual(['Help docs', 'In-app guide', 'Support']));
    expect(screen.getByRole('button', { name: 'Move Help docs up' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Survey saved.')).toBeTruthy();
    expect((await readSurvey()).touchpoints).toEqual([
      { key: 'docs', label: { ja: 'ヘルプ', en: 'Help docs' } },
      { key: 'onboarding', label: { en: 'In-app guide', ja: 'アプリ内ガイド' } },
      { key: 'support', label: { en: 'Support', ja: 'サポート対応' } },
    ]);
  });

  it('keeps focus on a move button, so a touchpoint can be moved again from the keyboard', async () => {
    await openConsole(`/surveys/${survey.id}`, 'Survey: NPS');
    const down = screen.getByRole('button', { name: 'Move In-app guide down' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Move In-app guide down'));
    expect(within(touchpointItem(2)).getByLabelText('Key')).toHaveProperty('value', 'onboarding');
  });

  it('shows the server’s validation errors at their fields and keeps what was typed', async () => {
    await openConsole(`/surveys/${survey.id}`, 'Survey: NPS');
    fireEvent.input(within(touchpointItem(2)).getByLabelText('Key'), { target: { value: 'Bad Key!' } });
    fireEvent.input(screen.getByLabelText('Sample (% of users)'), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Some fields need attention: see the messages next to them.');
    const key = within(touchpointItem(2)).getByLabelText('Key');
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(within(touchpointItem(2)).getByText(/must be 1–40 characters/)).toBeTruthy();
    expect(screen.getByLabelText('Sample (% of users)').getAttribute('aria-invalid')).toBe('true');
    expect((key as HTMLInputElement).value).toBe('Bad Key!');
    expect((await readSurvey()).touchpoints[1]!.key).toBe('support');
  });

  it('edits the audience and rules and creates a new survey, then edits it at its own address', async () => {
    await openConsole('/surveys/new', 'New survey');
    fireEvent.input(screen.getByLabelText('Name (for you, not shown to users)'), { target: { value: 'Onboarding NPS' } });
    fireEvent.input(screen.getByLabelText('Follow-up at or below score'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add condition (All of these)' }));
    fireEvent.input(screen.getByLabelText('Attribute'), { target: { value: 'plan' } });
    fireEvent.change(screen.getByLabelText('Condition'), { target: { value: 'in' } });
    fireEvent.input(screen.getByLabelText('Value'), { target: { value: 'pro, enterprise' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Active (shown to users)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 1, name: 'Survey: Onboarding NPS' });
    const id = window.location.pathname.split('/').at(-1)!;
    const created = (await (await server.t.app.request(`/api/v1/admin/surveys/${id}`, adminInit('GET'))).json()) as Survey;
    expect(created).toMatchObject({
      name: 'Onboarding NPS',
      detractorThreshold: 5,
      active: false,
      touchpoints: [],
      audience: { all: [{ attribute: 'plan', op: 'in', value: ['pro', 'enterprise'] }] },
    });
  });

  it('shows a role that cannot change surveys the survey without Save or editing buttons', async () => {
    await signInAs(server, 'cs');
    await openConsole(`/surveys/${survey.id}`, 'Survey: NPS');
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add touchpoint' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Move .* up/ })).toBeNull();
    expect(screen.getByLabelText('Question: English')).toHaveProperty('disabled', false);
    expect((screen.getByLabelText('Question: English').closest('fieldset.plain') as HTMLFieldSetElement).disabled).toBe(true);
  });
});
