import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, recordConsole } from './chromium.ts';
import { startKizuna, type KizunaProcess } from './servers.ts';

/** What `npm start` gives a product team on an empty database: landing page, demo, survey. */
let kizuna: KizunaProcess;
let browser: Browser;

beforeAll(async () => {
  [kizuna, browser] = await Promise.all([startKizuna(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  expect(await kizuna?.stop()).toBe(0);
});

it('the landing page shows the snippet to paste, filled in, and where the admin token is, never the token itself', async () => {
  const page = await browser.newPage();
  const noise = recordConsole(page);
  await page.goto(kizuna.origin + '/');
  const text = await page.locator('body').innerText();
  expect(text).toContain(`${kizuna.origin}/widget.js`);
  expect(text).toContain('data-project="pk_demo"');
  expect(text).toContain("kizuna('identify'");
  expect(text).toContain('npm run admin-token');
  expect(await page.content()).not.toContain(kizuna.adminToken);
  const demoLink = page.getByRole('link', { name: /demo|デモ/i }).first();
  expect(await demoLink.getAttribute('href')).toMatch(/\/demo$/);
  expect(noise).toEqual([]);
  await page.close();
}, 30_000);

it('the demo page first tours a new user through the app, then asks the seeded survey on the next visit', async () => {
  const page = await browser.newPage();
  const noise = recordConsole(page);
  await page.goto(kizuna.origin + '/demo');
  // One thing at a time: the tour (higher priority) starts; the survey waits for another page view.
  const step = page.locator('kizuna-guide').getByRole('dialog');
  await step.waitFor({ timeout: 10_000 });
  expect(await page.locator('kizuna-survey').count()).toBe(0);
  await step.getByRole('button', { name: /^(Next|次へ)$/ }).click();
  await step.getByText('2 / 2').waitFor();
  await step.getByRole('button', { name: /^(Done|完了)$/ }).click();
  await expect.poll(() => step.count()).toBe(0);

  await page.reload();
  const scale = page.getByRole('radiogroup').first();
  await scale.waitFor({ timeout: 10_000 });
  expect(await scale.getByRole('radio').count()).toBe(11);
  await scale.getByRole('radio', { name: '10', exact: true }).click();
  await page.getByRole('button', { name: /^(Next|次へ)$/ }).click();

  const { body: projects } = await kizuna.admin('GET', '/api/v1/admin/projects');
  const demo = projects.items.find((p: any) => p.key === 'pk_demo');
  const { body: surveys } = await kizuna.admin('GET', `/api/v1/admin/projects/${demo.id}/surveys`);
  expect(surveys.items).toHaveLength(1);
  expect(surveys.items[0].touchpoints.map((t: any) => t.key)).toEqual(['onboarding', 'docs', 'support', 'billing', 'performance', 'features']);
  await expect
    .poll(async () => (await kizuna.admin('GET', `/api/v1/admin/surveys/${surveys.items[0].id}/report`)).body, { timeout: 10_000 })
    .toMatchObject({ total: 1, promoters: 1, nps: 100 });
  expect(noise).toEqual([]);
  await page.close();
}, 30_000);
