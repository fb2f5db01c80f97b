import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordConsole } from './chromium.ts';
import { consoleProblems, signInAsOwner, startKizunaWithOwner } from './console-session.ts';
import { snippet, startHostSite, type HostSite, type KizunaProcess } from './servers.ts';

/**
 * "Edit in app" in real Chromium: a product person opens an authoring link on their own app
 * (another origin than the server), points at a button, writes the tooltip and saves; visitors
 * then get that tooltip on that button. The host app's code never changes.
 */
let kizuna: KizunaProcess;
let host: HostSite;
let browser: Browser;
let projectId: string;
let projectKey: string;

/**
 * A small single-page app: two routes switched by pushState, a button with only generated and
 * hashed names besides its test id, and a count of the clicks the app itself received.
 */
function appPage(userId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme Invoices</title><link rel="icon" href="data:,">
${snippet(kizuna.origin, projectKey, userId, { locale: 'en' })}
<style>body { font: 16px sans-serif; margin: 0; } header { display: flex; gap: 16px; padding: 16px; } main { padding: 24px; }</style></head>
<body><header><nav><a href="/app" data-route>Invoices</a> <a href="/app/settings" data-route>Settings</a></nav>
<button id=":r7:" class="css-1x2y3z sc-AxjAm" data-testid="export-csv">Export CSV</button></header>
<main id="view"></main>
<script>
  window.appClicks = 0;
  document.addEventListener('click', (e) => { if (e.target.closest('[data-testid="export-csv"]')) window.appClicks++; });
  function render() {
    document.getElementById('view').innerHTML = location.pathname.endsWith('/settings')
      ? '<h1>Settings</h1><button class="jsx-3829 save-settings">Save settings</button>'
      : '<h1>Invoices</h1><p>November</p>';
  }
  document.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-route]');
    if (!link) return;
    e.preventDefault();
    history.pushState({}, '', link.href);
    render();
  });
  addEventListener('popstate', render);
  render();
</script></body></html>`;
}

async function createGuide(): Promise<string> {
  const res = await kizuna.admin('POST', `/api/v1/admin/projects/${projectId}/guides`, {
    name: 'Exports',
    trigger: { url: '/app*' },
    steps: [{ title: 'Welcome', body: 'A quick tour.' }],
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function authoringLink(guideId: string, path = '/app'): Promise<string> {
  const res = await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/authoring-sessions`, { url: host.origin + path });
  expect(res.status).toBe(201);
  return res.body.url;
}

/** Opens a page, noting every URL it requests. */
async function openPage(url: string): Promise<{ page: Page; noise: string[]; requested: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const noise = recordConsole(page);
  const requested: string[] = [];
  page.on('request', (req) => requested.push(req.url()));
  await page.goto(url);
  return { page, noise, requested };
}

const ui = (page: Page): Locator => page.locator('kizuna-authoring');
const toolbarButton = (page: Page, name: string): Locator => ui(page).getByRole('toolbar').getByRole('button', { name, exact: true });

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Points at `target` in pick mode and clicks it, as an author would with the mouse. */
async function pickByPointer(page: Page, target: Locator): Promise<void> {
  const { x, y } = await center(target);
  await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.click(x, y);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's WCAG 2.1 A/AA violations inside our UI, one line each. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ include: [['kizuna-authoring']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 4).join(', ')}`);
  });
}

const guideSteps = async (guideId: string) => (await kizuna.admin('GET', `/api/v1/admin/guides/${guideId}`)).body.steps as Array<Record<string, any>>;

beforeAll(async () => {
  [kizuna, host, browser] = await Promise.all([startKizunaWithOwner(), startHostSite(), launchChromium()]);
  const project = await kizuna.admin('POST', '/api/v1/admin/projects', { name: 'Acme', allowedOrigins: [host.origin] });
  expect(project.status).toBe(201);
  projectId = project.body.id;
  projectKey = project.body.key;
  host.page('/app', appPage('u-author'));
  host.page('/app/settings', appPage('u-author'));
  host.page('/visit', appPage('u-visitor'));
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  expect(await kizuna?.stop()).toBe(0);
});

describe('authoring a guide by pointing at the app', { timeout: 60_000 }, () => {
  it('picks a host button by pointer, writes the tooltip and saves; a visitor then sees it on that button', async () => {
    const guideId = await createGuide();
    const link = await authoringLink(guideId);
    expect(link).toMatch(/#kizuna-authoring=[\w-]{20,}$/);
    const { page, noise } = await openPage(link);

    // The token leaves the address bar at once, and the toolbar comes up in our shadow root.
    await expect.poll(() => page.url()).toBe(`${host.origin}/app`);
    const toolbar = ui(page).getByRole('toolbar');
    await toolbar.waitFor();
    for (const name of ['Add step', 'Pick element', 'Preview', 'Save', 'Exit']) await expect(toolbarButton(page, name).count()).resolves.toBe(1);

    // Add step goes straight into pick mode: hovering outlines the element and shows its selector.
    await toolbarButton(page, 'Add step').click();
    const exportButton = page.getByRole('button', { name: 'Export CSV' });
    const { x, y } = await center(exportButton);
    await page.mouse.move(x, y, { steps: 4 });
    await expect(ui(page).locator('.selector-label').textContent()).resolves.toBe('[data-testid="export-csv"]');
    await page.screenshot({ path: 'test/artifacts/authoring-pick.png' });
    const outline = await ui(page).locator('.outline').boundingBox();
    const button = await exportButton.boundingBox();
    expect(Math.abs(outline!.x - button!.x) + Math.abs(outline!.width - button!.width)).toBeLessThan(2);
    // The click chooses the element; the app itself never sees it.
    await page.mouse.click(x, y);
    expect(await page.evaluate(() => (window as any).appClicks)).toBe(0);

    const step = ui(page).getByRole('region', { name: 'Step 2' });
    await expect(step.locator('code').textContent()).resolves.toBe('[data-testid="export-csv"]');
    // Focus lands on the title, ready for the text.
    await expect.poll(() => ui(page).locator('.step input').first().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await step.getByLabel('Title (English)').fill('Export your invoices');
    await step.getByLabel('Title (日本語)').fill('請求書をエクスポート');
    await step.getByLabel('Text (English)').fill('Download them as **CSV**.');
    await step.getByLabel('Text (日本語)').fill('**CSV** でダウンロードできます。');
    await step.getByLabel('Placement').selectOption('bottom');

    // The live preview is the real tooltip, on the real button, as the author types.
    const preview = ui(page).getByRole('dialog', { includeHidden: true });
    await expect(preview.locator('h2').textContent()).resolves.toBe('Export your invoices');
    const tip = await preview.boundingBox();
    expect(tip!.y).toBeGreaterThan(button!.y + button!.height);
    expect(tip!.y - (button!.y + button!.height)).toBeLessThan(24);
    await page.screenshot({ path: 'test/artifacts/authoring-editing.png' });

    // The centred welcome step goes; the tour is now the one tooltip.
    await ui(page).getByRole('button', { name: 'Delete step 1' }).click();
    await toolbarButton(page, 'Save').click();
    await ui(page).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await guideSteps(guideId);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      title: { en: 'Export your invoices', ja: '請求書をエクスポート' },
      placement: 'bottom',
      target: { selector: '[data-testid="export-csv"]', text: 'Export CSV' },
    });
    // An author at work is not interrupted by the guide they are editing.
    expect(await page.locator('kizuna-guide').count()).toBe(0);
    expect(noise).toEqual([]);
    await page.close();

    // A visitor: the tooltip on that button, and no authoring code downloaded.
    await kizuna.admin('PATCH', `/api/v1/admin/guides/${guideId}`, { trigger: { url: '/visit*' } });
    const visitor = await openPage(`${host.origin}/visit`);
    const tooltip = visitor.page.locator('kizuna-guide').getByRole('dialog');
    await tooltip.waitFor();
    await expect(tooltip.locator('h2').textContent()).resolves.toBe('Export your invoices');
    const shown = await tooltip.boundingBox();
    const target = await visitor.page.getByRole('button', { name: 'Export CSV' }).boundingBox();
    expect(shown!.y - (target!.y + target!.height)).toBeGreaterThan(0);
    expect(shown!.y - (target!.y + target!.height)).toBeLessThan(24);
    expect(visitor.requested.filter((url) => url.includes('authoring'))).toEqual([]);
    expect(visitor.requested.some((url) => url.endsWith('/widget/ui/guide.js'))).toBe(true);
    expect(visitor.noise).toEqual([]);
    await visitor.page.close();
  });

  it('accepts a link once: opened again, it says so, and the API refuses the token', async () => {
    const link = await authoringLink(await createGuide());
    const first = await openPage(link);
    await ui(first.page).getByRole('toolbar').waitFor();
    await first.page.close();

    const second = await openPage(link);
    await expect(ui(second.page).getByRole('alert').textContent()).resolves.toContain('already used or has expired');
    expect(await ui(second.page).getByRole('toolbar').count()).toBe(0);
    const token = new URL(link).hash.split('=')[1];
    const res = await fetch(`${kizuna.origin}/api/v1/authoring/sessions`, {
      method: 'POST',
      headers: { origin: host.origin, 'content-type': 'text/plain' },
      body: JSON.stringify({ token }),
    });
    expect(res.status).toBe(401);
    await second.page.close();
  });

  it('cannot save once the session has ended, and keeps what was typed', async () => {
    const guideId = await createGuide();
    const { page } = await openPage(await authoringLink(guideId));
    const step = ui(page).getByRole('region', { name: 'Step 1' });
    await step.getByLabel('Title (English)').fill('Changed title');

    const db = new Database(kizuna.dbFile);
    db.prepare('UPDATE authoring_sessions SET session_expires_at = 1 WHERE guide_id = ?').run(guideId);
    db.close();
    await toolbarButton(page, 'Save').click();
    await expect(ui(page).getByRole('alert').textContent()).resolves.toContain('session has ended');
    await expect(step.getByLabel('Title (English)').inputValue()).resolves.toBe('Changed title');
    expect((await guideSteps(guideId))[0]!.title).toBe('Welcome');
    await page.close();
  });

  it('keeps the toolbar through the app’s route changes and page loads, for a tour across pages', async () => {
    const guideId = await createGuide();
    const { page, noise } = await openPage(await authoringLink(guideId));
    await ui(page).getByRole('toolbar').waitFor();

    await toolbarButton(page, 'Pick element').click();
    await pickByPointer(page, page.getByRole('button', { name: 'Export CSV' }));
    await ui(page).getByRole('region', { name: 'Step 1' }).getByLabel('Title (English)').fill('Export');

    // The app's own navigation (pushState): the dock stays, the next step is picked on the new page.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await toolbarButton(page, 'Add step').click();
    await pickByPointer(page, page.getByRole('button', { name: 'Save settings' }));
    const second = ui(page).getByRole('region', { name: 'Step 2' });
    await second.getByLabel('Title (English)').fill('Settings are saved here');
    await second.getByLabel('Text (English)').fill('One click.');

    // A full page load in this tab resumes the session, with the unsaved draft.
    await page.reload();
    await ui(page).getByRole('toolbar').waitFor();
    await ui(page).getByRole('status').filter({ hasText: 'unsaved changes' }).waitFor();
    await toolbarButton(page, 'Save').click();
    await ui(page).getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const saved = await guideSteps(guideId);
    // Step 1 was the centred welcome (one text for every language): its English title changed.
    expect(saved.map((s) => s.title)).toEqual([{ ja: 'Welcome', en: 'Export' }, { en: 'Settings are saved here' }]);
    // The second target finds its element on its page: of what its selector matches, the one with its text.
    const { selector, text } = saved[1]!.target;
    expect(text).toBe('Save settings');
    const found = await page.evaluate(([sel, txt]) => [...document.querySelectorAll(sel!)].filter((el) => el.textContent!.includes(txt!)).map((el) => el.outerHTML), [selector, text]);
    expect(found).toEqual(['<button class="jsx-3829 save-settings">Save settings</button>']);
    expect(noise).toEqual([]);
    await page.close();
  });

  it('says so when someone saved meanwhile, and saves over it only when asked', async () => {
    const guideId = await createGuide();
    const { page } = await openPage(await authoringLink(guideId));
    const step = ui(page).getByRole('region', { name: 'Step 1' });
    await step.getByLabel('Title (English)').fill('Mine');
    await kizuna.admin('PATCH', `/api/v1/admin/guides/${guideId}`, { steps: [{ title: 'Theirs', body: 'From the console.' }] });

    await toolbarButton(page, 'Save').click();
    const alert = ui(page).getByRole('alert');
    await expect(alert.textContent()).resolves.toContain('Someone saved this guide');
    expect((await guideSteps(guideId))[0]!.title).toBe('Theirs');
    await alert.getByRole('button', { name: 'Save mine anyway' }).click();
    await ui(page).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await guideSteps(guideId))[0]!.title).toEqual({ ja: 'Welcome', en: 'Mine' });
    await page.close();
  });

  it('starts from the console: Edit in app opens the page of the app in a new tab, ready to author', async () => {
    const guideId = await createGuide();
    // A page view of the app: the install check has seen the widget there, so the field is prefilled.
    const visit = await openPage(`${host.origin}/visit`);
    await expect.poll(async () => (await kizuna.admin('GET', `/api/v1/admin/projects/${projectId}`)).body.lastSeen).not.toBeNull();
    await visit.page.close();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await context.newPage();
    const noise = recordConsole(admin);
    await admin.goto(`${kizuna.origin}/admin/guides/${guideId}`);
    await signInAsOwner(admin);
    await admin.getByRole('button', { name: 'Edit in app' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit in app' });
    const field = dialog.getByLabel('Page of your app');
    expect(await field.inputValue()).toMatch(new RegExp(`^${host.origin}/`));
    await field.fill(`${host.origin}/app/settings`);
    const [tab] = await Promise.all([context.waitForEvent('page'), dialog.getByRole('button', { name: 'Open in a new tab' }).click()]);
    await ui(tab).getByRole('toolbar').waitFor();
    expect(tab.url()).toBe(`${host.origin}/app/settings`);
    await expect(ui(tab).getByRole('region', { name: 'Kizuna guide editor' }).locator('h2').first().textContent()).resolves.toBe('Editing “Exports”');
    // The tab cannot reach back into the console.
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(consoleProblems(noise)).toEqual([]);
    await context.close();
  });

  it('works from the keyboard, previews the whole tour, and passes WCAG 2.1 A/AA in both languages', async () => {
    const guideId = await createGuide();
    const { page, noise } = await openPage(await authoringLink(guideId));
    await ui(page).getByRole('toolbar').waitFor();

    // The toolbar is one Tab stop; arrow keys move along it.
    await toolbarButton(page, 'Add step').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(toolbarButton(page, 'Pick element').getAttribute('aria-pressed')).resolves.toBe('true');
    // Picking by keyboard: Tab to an element of the app and press Enter; Esc would have cancelled.
    await page.getByRole('button', { name: 'Export CSV' }).focus();
    await page.keyboard.press('Enter');
    await expect(ui(page).getByRole('region', { name: 'Step 1' }).locator('code').textContent()).resolves.toBe('[data-testid="export-csv"]');
    expect(await page.evaluate(() => (window as any).appClicks)).toBe(0);
    await toolbarButton(page, 'Pick element').click();
    await page.keyboard.press('Escape');
    await expect(toolbarButton(page, 'Pick element').getAttribute('aria-pressed')).resolves.toBe('false');
    expect(await violations(page)).toEqual([]);

    // A second step, so the preview has a tour to play.
    await toolbarButton(page, 'Add step').click();
    await pickByPointer(page, page.getByRole('link', { name: 'Settings' }));
    const second = ui(page).getByRole('region', { name: 'Step 2' });
    await second.getByLabel('Title (English)').fill('Settings');
    await second.getByLabel('Text (English)').fill('Everything else.');

    // Preview plays the whole tour as visitors get it, with the dock out of the way until it ends.
    await toolbarButton(page, 'Preview').click();
    const first = ui(page).getByRole('dialog', { name: 'Welcome' });
    await first.waitFor();
    expect(await ui(page).getByRole('toolbar').isVisible()).toBe(false);
    await first.getByRole('button', { name: 'Next' }).click();
    const last = ui(page).getByRole('dialog', { name: 'Settings' });
    await expect(last.textContent()).resolves.toContain('2 / 2');
    await last.getByRole('button', { name: 'Done' }).click();
    await ui(page).getByRole('toolbar').waitFor();
    expect(noise).toEqual([]);
    await page.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'ja-JP' });
    const ja = await context.newPage();
    await ja.goto(await authoringLink(guideId));
    await ui(ja).getByRole('toolbar', { name: 'ガイドの編集' }).waitFor();
    expect(await violations(ja)).toEqual([]);
    // On a phone-sized screen the dock stays within it.
    const dock = await ui(ja).getByRole('region', { name: 'Kizuna ガイドエディター' }).boundingBox();
    expect(dock!.x).toBeGreaterThanOrEqual(0);
    expect(dock!.x + dock!.width).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('works on a page served by the Kizuna server itself (the demo), where reads carry no Origin', async () => {
    const projects = (await kizuna.admin('GET', '/api/v1/admin/projects')).body.items as Array<{ id: string; key: string }>;
    const demo = projects.find((p) => p.key === 'pk_demo')!;
    const [tour] = (await kizuna.admin('GET', `/api/v1/admin/projects/${demo.id}/guides`)).body.items as Array<{ id: string }>;
    const res = await kizuna.admin('POST', `/api/v1/admin/guides/${tour!.id}/authoring-sessions`, { url: `${kizuna.origin}/demo` });
    expect(res.status).toBe(201);
    const { page, noise } = await openPage(res.body.url);
    const step = ui(page).getByRole('region', { name: 'Step 1' });
    await step.getByLabel('Title (English)').fill('Your month at a glance');
    await toolbarButton(page, 'Save').click();
    await ui(page).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // A page load resumes the session: its GET is same-origin, without an Origin header.
    await page.reload();
    await ui(page).getByRole('toolbar').waitFor();
    await expect(ui(page).getByRole('region', { name: 'Step 1' }).getByLabel('Title (English)').inputValue()).resolves.toBe('Your month at a glance');
    expect(noise).toEqual([]);
    await page.close();
  });
});
