import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, recordConsole } from './chromium.ts';
import { consoleProblems, OWNER, signInAsOwner, startKizunaWithOwner } from './console-session.ts';
import { snippet, startHostSite, type HostSite, type KizunaProcess } from './servers.ts';

/**
 * The console's whole loop in real Chromium against the built server: a product person signs in,
 * creates a project and a survey; a user of the customer's app (another origin) answers 3; the
 * answer shows on the dashboard; CS works its follow-up from open to resolved with a note.
 * Screenshots of the main pages land in test/artifacts/ (not committed) for a reviewer.
 */
const ARTIFACTS = 'test/artifacts';
let kizuna: KizunaProcess;
let host: HostSite;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [kizuna, host, browser] = await Promise.all([
    startKizunaWithOwner(),
    startHostSite(),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  expect(await kizuna?.stop()).toBe(0);
});


const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const shoot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/console-${name}.png`, fullPage: true });

/** A user of the customer's app answers the survey with `score` by pointer and leaves once it is stored. */
async function answerInHostApp(projectKey: string, projectId: string, userId: string, score: number) {
  host.page(
    `/app-${userId}`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title><link rel="icon" href="data:,">
${snippet(kizuna.origin, projectKey, userId, { plan: 'pro', ltv: 250000, locale: 'en' })}</head><body><main><h1>Acme invoices</h1></main></body></html>`,
  );
  const page = await browser.newPage();
  await page.goto(`${host.origin}/app-${userId}`);
  const card = page.locator('kizuna-survey').getByRole('dialog');
  await card.getByRole('radio', { name: String(score), exact: true }).check();
  await card.getByRole('button', { name: 'Next' }).click();
  await expect.poll(async () => (await kizuna.admin('GET', `/api/v1/admin/projects/${projectId}/followups`)).body.items.length, { timeout: 10_000 }).toBe(1);
  await page.close();
}

it('signs in, creates a project and a survey, sees an answer on the dashboard, and resolves its follow-up with a note', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const noise = recordConsole(page);
  await page.goto(`${kizuna.origin}/admin`);
  await heading(page, 'Sign in');
  await shoot(page, 'login');
  await signInAsOwner(page);
  await heading(page, 'Dashboard');

  // A project of our own, chosen for the rest of the session.
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await heading(page, 'Projects');
  await page.getByLabel('New project name').fill('Acme Invoices');
  await page.getByRole('button', { name: 'Create project' }).click();
  await heading(page, /Acme Invoices/);
  const projects = await kizuna.admin<{ items: Array<{ id: string; key: string; name: string }> }>('GET', '/api/v1/admin/projects');
  const project = projects.body.items.find((p) => p.name === 'Acme Invoices')!;
  expect(project).toBeDefined();

  // A survey with one touchpoint, asked at once.
  await page.getByRole('link', { name: 'Surveys', exact: true }).click();
  await heading(page, 'Surveys');
  await page.getByRole('link', { name: 'New survey' }).first().click();
  await heading(page, 'New survey');
  await page.getByLabel('Name (for you, not shown to users)').fill('Relationship NPS 2026');
  await page.getByLabel('Delay after page load (seconds)').fill('0');
  await shoot(page, 'survey-editor');
  await page.getByRole('button', { name: 'Save' }).click();
  await heading(page, 'Survey: Relationship NPS 2026');
  const surveys = await kizuna.admin<{ items: Array<{ id: string; name: string; delaySeconds: number }> }>('GET', `/api/v1/admin/projects/${project.id}/surveys`);
  const survey = surveys.body.items.find((s) => s.name === 'Relationship NPS 2026')!;
  expect(survey).toMatchObject({ delaySeconds: 0 });

  await answerInHostApp(project.key, project.id, 'cust-42', 3);

  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await heading(page, 'Dashboard');
  await page.getByLabel('Survey').selectOption(survey.id);
  await page.getByText('1 response', { exact: true }).waitFor();
  expect(await page.getByRole('region', { name: 'NPS', exact: true }).innerText()).toContain('−100');
  await shoot(page, 'dashboard');

  // CS's inbox: the detractor waits under Open.
  await page.getByRole('link', { name: 'Follow-ups', exact: true }).click();
  await heading(page, 'Follow-ups');
  await page.getByRole('tab', { name: 'Open (1)' }).waitFor();
  await shoot(page, 'inbox');
  await page.getByRole('link', { name: 'cust-42' }).click();
  await heading(page, 'Follow-up: cust-42');
  await page.getByLabel('Note').fill('Called: the invoice export failed for them; fixed in 2.3.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByText('Called: the invoice export failed for them; fixed in 2.3.').waitFor();
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await page.getByLabel('Status').selectOption('resolved');
  await page.getByRole('button', { name: 'Set status' }).click();
  await timeline.getByText(/changed the status from Open to Resolved/).waitFor();
  await shoot(page, 'followup');

  await page.getByRole('link', { name: 'Back to follow-ups' }).click();
  await page.getByRole('tab', { name: 'Resolved (1)' }).waitFor();
  await page.getByRole('tab', { name: 'Open (0)' }).waitFor();

  const stored = await kizuna.admin<{ items: Array<{ status: string; assignee: string; history: Array<{ action: string; note?: string; actor: string }> }> }>(
    'GET',
    `/api/v1/admin/projects/${project.id}/followups?status=resolved`,
  );
  expect(stored.body.items).toHaveLength(1);
  expect(stored.body.items[0]).toMatchObject({ status: 'resolved', assignee: OWNER.email });
  expect(stored.body.items[0]!.history).toContainEqual(expect.objectContaining({ action: 'note', actor: OWNER.email, note: 'Called: the invoice export failed for them; fixed in 2.3.' }));

  for (const [path, name, title] of [
    ['/guides', 'guides', 'Guides'],
    ['/users', 'users', 'Users'],
    [`/projects/${project.id}`, 'project', /Acme Invoices/],
  ] as const) {
    await page.goto(`${kizuna.origin}/admin${path}`);
    await heading(page, title);
    await page.waitForLoadState('networkidle');
    await shoot(page, name);
  }
  // The install check names the host page the widget ran on.
  await page.getByText(`Widget last seen on ${host.origin}/app-cust-42 at`).waitFor();
  expect(consoleProblems(noise)).toEqual([]);
  await page.close();
}, 90_000);
