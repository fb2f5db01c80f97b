// @vitest-environment console
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey } from '../../shared/schemas/survey.ts';
import { seedProject } from '../server/helpers.ts';
import { eachConsoleServer, openConsole, type ConsoleServer } from './helpers.tsx';
import { seedAnswers, sendEvents } from './seed.ts';

describe('survey dashboard', () => {
  let server: ConsoleServer;
  let project: Project;
  let survey: Survey;
  eachConsoleServer(
    async (store) => {
      const seeded = await seedProject(store);
      await store.projects.update(seeded.project.id, { ltvBoundary: 100_000 });
      // 2 promoters, 1 passive, 3 detractors in the last week → NPS −16.7; one promoter the month before → NPS 100.
      await seedAnswers(store, seeded.project, seeded.survey, [
        { userId: 'u-high-promoter', score: 10, daysAgo: 1, attributes: { ltv: 300_000 }, factors: { onboarding: 3, support: 2 }, comment: 'Love the guide' },
        { userId: 'u-low-promoter', score: 9, daysAgo: 2, attributes: { ltv: 50_000 }, factors: { onboarding: 2 } },
        { userId: 'u-high-passive', score: 8, daysAgo: 2, attributes: { ltv: 200_000 }, factors: { support: 0 } },
        { userId: 'u-high-detractor', score: 3, daysAgo: 3, attributes: { ltv: 150_000 }, factors: { support: -3 }, comment: 'Support was slow' },
        { userId: 'u-low-detractor', score: 0, daysAgo: 3.5, attributes: { ltv: 10_000 }, factors: { billing: -2, support: -1 }, comment: 'Billing is confusing' },
        { userId: 'u-no-ltv', score: 6, daysAgo: 4, comment: 'meh' },
        { userId: 'u-last-month', score: 10, daysAgo: 45, attributes: { ltv: 90_000 } },
      ]);
      return seeded;
    },
    (s) => {
      server = s;
      ({ project, survey } = s);
    },
  );

  /** The dashboard for the last 30 days, once its figures are in. */
  async function openDashboard(query = '') {
    await openConsole(`/dashboard${query}`, 'Dashboard');
    await screen.findByRole('region', { name: 'Loyalty matrix (NPS × LTV)' }, { timeout: 5000 });
  }

  it('shows NPS with its change against the previous period, and the response rate', async () => {
    const shown = Array.from({ length: 12 }, (_, i) => ({ type: 'survey_shown' as const, userId: `u-shown-${i}`, surveyId: survey.id }));
    await sendEvents(server.t, project, shown);
    await openDashboard();
    const nps = screen.getByRole('region', { name: 'NPS' });
    expect(within(nps).getByTestId('nps-value').textContent).toBe('−17');
    expect(within(nps).getByText('−116.7 vs the previous period')).toBeTruthy();
    expect(within(nps).getByText('6 responses')).toBeTruthy();
    expect(within(nps).getByText(/Detractors: 3 \(50%\)/)).toBeTruthy();
    const rate = screen.getByRole('region', { name: 'Response rate' });
    expect(within(rate).getByText('50%')).toBeTruthy();
    expect(within(rate).getByText('6 answered of 12 shown')).toBeTruthy();
  });

  it('charts the score distribution by category, with a legend and the numbers as a table', async () => {
    await openDashboard();
    const region = screen.getByRole('region', { name: 'Score distribution' });
    expect(within(region).getByRole('img').getAttribute('aria-label')).toBe('Answers by score: 3 detractors (0–6), 1 passives (7–8), 2 promoters (9–10).');
    const rows = within(region).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['01', '10', '20', '31', '40', '50', '61', '70', '81', '91', '101']);
    expect(within(region).getByText('Detractors (0–6)')).toBeTruthy();
    expect(region.querySelectorAll('rect.bar.detractor')).toHaveLength(7);
    expect(region.querySelectorAll('rect.bar.promoter')).toHaveLength(2);
  });

  it('charts the NPS trend accessibly and ranks touchpoints by their impact', async () => {
    await openDashboard();
    const trend = screen.getByRole('region', { name: 'NPS over time' });
    expect(within(trend).getByRole('img').getAttribute('aria-label')).toMatch(/^NPS trend over \d+ periods/);
    const impact = screen.getByRole('region', { name: 'Touchpoint impact' });
    const ranked = within(impact).getAllByRole('rowheader').map((cell) => cell.textContent);
    expect(ranked).toEqual(['Billing', 'Support', 'In-app guide']);
    expect(within(impact).getByRole('img').getAttribute('aria-label')).toBe('Touchpoint impact, ranked; the most negative is Billing (−2).');
    const support = within(impact).getByRole('rowheader', { name: 'Support' }).closest('tr')!;
    // All, detractors, passives, promoters, answers.
    expect([...support.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['−0.5', '−2', '0', '+2', '4']);
  });

  it('counts users in the loyalty matrix by LTV and category and lists the users of a cell', async () => {
    await openDashboard();
    const matrix = screen.getByRole('region', { name: 'Loyalty matrix (NPS × LTV)' });
    expect(within(matrix).getByText('Boundary: LTV 100,000 (set in the project settings)')).toBeTruthy();
    expect(within(matrix).getByText('1 user without an LTV is not in the matrix.')).toBeTruthy();
    const cell = (name: string) => within(matrix).getByRole('button', { name: new RegExp(`^${name}`) });
    expect(cell('Churn risk').textContent).toBe('Churn risk1 user');
    expect(cell('Loyal candidate').textContent).toBe('Loyal candidate1 user');
    expect(cell('Loyal customer').textContent).toBe('Loyal customer1 user');
    expect(cell('Regular').textContent).toBe('Regular0 users');
    expect(cell('Fan / advocate').textContent).toBe('Fan / advocate1 user');

    cell('Churn risk').focus();
    fireEvent.click(cell('Churn risk'));
    const dialog = await screen.findByRole('dialog', { name: 'Churn risk (High LTV, Detractor)' });
    const row = (await within(dialog).findByRole('rowheader', { name: 'u-high-detractor' })).closest('tr')!;
    expect(within(row).getByText('150,000')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('heading', { level: 2 })));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(cell('Churn risk'));
  });

  it('filters comments by category, by touchpoint impact and by text', async () => {
    await openDashboard();
    const comments = screen.getByRole('region', { name: 'Comments' });
    const texts = () => [...comments.querySelectorAll('.comment-text')].map((p) => p.textContent);
    await waitFor(() => expect(texts()).toEqual(['Love the guide', 'Support was slow', 'Billing is confusing', 'meh']));
    fireEvent.change(within(comments).getByLabelText('Category'), { target: { value: 'detractor' } });
    await waitFor(() => expect(texts()).toEqual(['Support was slow', 'Billing is confusing', 'meh']));
    fireEvent.change(within(comments).getByLabelText('Touchpoint'), { target: { value: 'support' } });
    fireEvent.change(await within(comments).findByLabelText('Rated'), { target: { value: 'negative' } });
    await waitFor(() => expect(texts()).toEqual(['Support was slow', 'Billing is confusing']));
    fireEvent.input(within(comments).getByLabelText('Search comments'), { target: { value: 'billing' } });
    fireEvent.click(within(comments).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(texts()).toEqual(['Billing is confusing']));
  });

  it('keeps survey and period in the address, and shows the chosen period', async () => {
    await openDashboard();
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '90d' } });
    await waitFor(() => expect(window.location.search).toBe(`?period=90d`));
    await waitFor(() => expect(screen.getByText('7 responses')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    expect(await screen.findByText('Choose both dates to see this period.')).toBeTruthy();
    const csv = screen.getByRole('link', { name: 'Responses (CSV)' }).getAttribute('href')!;
    expect(csv).toContain(`/api/v1/admin/projects/${project.id}/responses.csv`);
  });
});
