import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, recordConsole } from './chromium.ts';
import { consoleProblems, OWNER, signInAsOwner, startKizunaWithOwner } from './console-session.ts';
import type { KizunaProcess } from './servers.ts';

/** The built console at /admin of the built server, signed in with a real session cookie. */
let kizuna: KizunaProcess;
let browser: Browser;

beforeAll(async () => {
  [kizuna, browser] = await Promise.all([startKizunaWithOwner(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  expect(await kizuna?.stop()).toBe(0);
});

it('signs in at a deep link, stays there on reload, and runs under its CSP without a complaint', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  const noise = recordConsole(page);
  const response = await page.goto(`${kizuna.origin}/admin/inbox?status=resolved`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await signInAsOwner(page);
  await page.getByRole('heading', { level: 1, name: 'Follow-ups' }).waitFor();
  expect(page.url()).toBe(`${kizuna.origin}/admin/inbox?status=resolved`);
  expect(await page.getByRole('tab', { selected: true }).innerText()).toMatch(/^Resolved/);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Follow-ups' }).waitFor();
  // The title follows the heading within a frame (it is set in an effect after the page renders).
  await expect.poll(() => page.title()).toBe('Follow-ups – Kizuna');
  expect(consoleProblems(noise)).toEqual([]);
  await page.close();
}, 30_000);

it('is usable by keyboard: skip link first, focus on the new page heading, the survey preview styled in its shadow root', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  const noise = recordConsole(page);
  await page.goto(`${kizuna.origin}/admin/surveys`);
  await signInAsOwner(page);
  await page.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor();

  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

  await page.getByRole('link', { name: 'Relationship NPS' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Survey: Relationship NPS' }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');

  // The widget's card CSS reaches the preview (a constructable stylesheet, allowed by style-src 'self').
  const card = page.locator('kizuna-preview').getByRole('dialog');
  await card.getByRole('radio', { name: '10', exact: true }).waitFor();
  expect(await card.evaluate((el) => getComputedStyle(el).position)).toBe('relative');
  await page.getByLabel('Question: English').fill('Would you recommend the demo?');
  await card.getByRole('heading', { name: 'Would you recommend the demo?' }).waitFor();
  expect(consoleProblems(noise)).toEqual([]);
  await page.close();
}, 30_000);

it('fits a 1280×720 laptop and still a 1024 wide window on every page, in Japanese too', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'ja-JP' });
  const noise = recordConsole(page);
  await page.goto(`${kizuna.origin}/admin`);
  await page.getByRole('heading', { level: 1, name: 'ログイン' }).waitFor();
  await page.getByLabel('メールアドレス').fill(OWNER.email);
  await page.getByLabel('パスワード').fill(OWNER.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    for (const path of ['/dashboard', '/inbox', '/surveys/new', '/guides/new', '/projects', '/users']) {
      await page.goto(`${kizuna.origin}/admin${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
  }
  expect(consoleProblems(noise)).toEqual([]);
  await page.close();
}, 60_000);
