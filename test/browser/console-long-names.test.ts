import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, recordConsole } from './chromium.ts';
import { consoleProblems, signInAsOwner, startKizunaWithOwner } from './console-session.ts';
import type { KizunaProcess } from './servers.ts';

/** Screenshots of the settings page at each width land here (not committed) for a reviewer. */
const ARTIFACTS = 'test/artifacts';

/** The longest name a project may have, with no space to break it at (the worst case for a layout). */
const LONG_NAME = 'LongProjectName長いプロジェクト名'.repeat(10).slice(0, 200);

let kizuna: KizunaProcess;
let browser: Browser;
let projectId: string;

beforeAll(async () => {
  [kizuna, browser] = await Promise.all([startKizunaWithOwner(), launchChromium()]);
  const created = await kizuna.admin<{ id: string }>('POST', '/api/v1/admin/projects', { name: LONG_NAME, allowedOrigins: [] });
  expect(created.status).toBe(201);
  projectId = created.body.id;
});

afterAll(async () => {
  await browser?.close();
  expect(await kizuna?.stop()).toBe(0);
});

/** Whether the element is shown and lies wholly within the window's width. */
async function withinWidth(locator: Locator, width: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return (await locator.isVisible()) && box !== null && box.x >= 0 && box.x + box.width <= width;
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${kizuna.origin}/admin${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

it('keeps a 200-character project name inside the window at 1280 and 1024 px, the full name still available', async () => {
  expect(LONG_NAME).toHaveLength(200);
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  const noise = recordConsole(page);
  await page.goto(`${kizuna.origin}/admin/projects/${projectId}`);
  await signInAsOwner(page);
  await page.getByRole('heading', { level: 1, name: LONG_NAME }).waitFor();

  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    for (const path of ['/dashboard', '/inbox', '/surveys', '/guides', '/projects', `/projects/${projectId}`, '/users']) {
      await open(page, path);
      const where = `${path} at ${width}px`;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, where).toBeLessThanOrEqual(0);

      // Every control of the top bar stays on screen.
      const project = page.getByRole('combobox', { name: 'Project' });
      for (const control of [project, page.getByRole('combobox', { name: 'Language', exact: true }), page.getByRole('button', { name: 'Sign out' }), page.getByRole('link', { name: 'Users' }), page.getByRole('link', { name: 'Integrations' })]) {
        expect(await withinWidth(control, width), `${where}: ${control}`).toBe(true);
      }
      // The switcher shows the chosen project cut short, but its full name is its title and its chosen option's text.
      expect(await project.inputValue(), where).toBe(projectId);
      expect(await project.getAttribute('title'), where).toBe(LONG_NAME);
      expect(await project.locator('option:checked').textContent(), where).toBe(LONG_NAME);
    }

    await open(page, '/projects');
    const link = page.getByRole('link', { name: LONG_NAME, exact: true });
    expect(await withinWidth(link, width), `projects list at ${width}px`).toBe(true);

    await open(page, `/projects/${projectId}`);
    const heading = page.getByRole('heading', { level: 1, name: LONG_NAME, exact: true });
    expect(await withinWidth(heading, width), `settings heading at ${width}px`).toBe(true);
    expect(await heading.textContent()).toBe(LONG_NAME);
    await expect.poll(() => page.title()).toBe(`${LONG_NAME} – Kizuna`);
    await page.screenshot({ path: `${ARTIFACTS}/console-long-name-${width}.png` });
  }
  expect(consoleProblems(noise)).toEqual([]);
  await page.close();
}, 120_000);
