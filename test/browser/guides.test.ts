import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, recordConsole } from './chromium.ts';
import { snippet, startHostSite, startKizuna, type HostSite, type KizunaProcess } from './servers.ts';

/**
 * Guides in real Chromium, on a host app served from another origin than the server: the
 * product team creates them through the admin API; the host app's code never changes.
 */
let kizuna: KizunaProcess;
let host: HostSite;
let browser: Browser;
let projectId: string;
let projectKey: string;

function hostPage(userId: string, attributes: Record<string, unknown>, body = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme Invoices</title><link rel="icon" href="data:,">
${snippet(kizuna.origin, projectKey, userId, { locale: 'en', ...attributes })}
<style>body { font: 16px sans-serif; margin: 0; } header { display: flex; gap: 16px; padding: 16px; } main { padding: 24px; }</style></head>
<body><header><button id="new-invoice">New invoice</button><input id="search" aria-label="Search" placeholder="Search"></header>
<main><p id="content">Invoices for November</p>${body}</main></body></html>`;
}

async function open(path: string, html: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; noise: string[] }> {
  host.page(path, html);
  const page = await browser.newPage({ viewport });
  const noise = recordConsole(page);
  await withState(page, () => page.goto(host.origin + path));
  return { page, noise };
}

/** Runs a navigation and waits until the widget has asked what is due (listening first, so no answer is missed). */
async function withState(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  const state = page.waitForResponse((r) => r.url().includes('/state'));
  await navigate();
  await state;
}

async function createGuide(guide: Record<string, unknown>): Promise<string> {
  const res = await kizuna.admin('POST', `/api/v1/admin/projects/${projectId}/guides`, guide);
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The guide's current step: a dialog inside the <kizuna-guide> shadow root. */
const stepDialog = (page: Page): Locator => page.locator('kizuna-guide').getByRole('dialog');

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box`);
  return b;
}

beforeAll(async () => {
  [kizuna, host, browser] = await Promise.all([startKizuna(), startHostSite(), launchChromium()]);
  const project = await kizuna.admin('POST', '/api/v1/admin/projects', { name: 'Acme', allowedOrigins: [host.origin] });
  expect(project.status).toBe(201);
  projectId = project.body.id;
  projectKey = project.body.key;
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  expect(await kizuna?.stop()).toBe(0);
});

describe('onboarding guides in a host page on another origin', { timeout: 60_000 }, () => {
  it('runs a 2-step tour anchored to host elements, advanced by Next and by clicking the target, counted once', async () => {
    const guideId = await createGuide({
      name: 'First invoice',
      trigger: { url: '/tour*' },
      priority: 10,
      steps: [
        { target: '#new-invoice', title: 'Create an invoice', body: 'Start **here**.', placement: 'bottom' },
        { target: { selector: 'header input', fallbacks: ['#search'] }, title: 'Find anything', body: 'Click the search box.', placement: 'right', advance: 'click' },
      ],
    });
    const { page, noise } = await open('/tour', hostPage('u-tour', { plan: 'pro' }));

    const first = stepDialog(page);
    await first.getByRole('heading', { name: 'Create an invoice' }).waitFor({ timeout: 10_000 });
    expect(await first.getByText('1 / 2').count()).toBe(1);
    // Focus moved into the step, so keyboard users land on it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('KIZUNA-GUIDE');
    const target1 = await box(page.locator('#new-invoice'));
    const tip1 = await box(first);
    expect(await first.getAttribute('data-placement')).toBe('bottom');
    expect(tip1.y - (target1.y + target1.height)).toBeGreaterThanOrEqual(0);
    expect(tip1.y - (target1.y + target1.height)).toBeLessThanOrEqual(16);
    // The arrow sits on the tooltip's top edge, pointing at the target above it.
    const arrow1 = await box(first.locator('.arrow'));
    expect(Math.abs(arrow1.y + arrow1.height / 2 - tip1.y)).toBeLessThanOrEqual(6);
    expect(arrow1.x + arrow1.width / 2).toBeGreaterThanOrEqual(target1.x);
    expect(arrow1.x + arrow1.width / 2).toBeLessThanOrEqual(target1.x + target1.width);

    await first.getByRole('button', { name: 'Next' }).click();
    const second = stepDialog(page);
    await second.getByRole('heading', { name: 'Find anything' }).waitFor();
    expect(await second.getByText('2 / 2').count()).toBe(1);
    expect(await second.getByRole('button', { name: /^(Next|Done)$/ }).count()).toBe(0);
    const target2 = await box(page.locator('#search'));
    const tip2 = await box(second);
    expect(await second.getAttribute('data-placement')).toBe('right');
    expect(tip2.x - (target2.x + target2.width)).toBeGreaterThanOrEqual(0);
    expect(tip2.x - (target2.x + target2.width)).toBeLessThanOrEqual(16);
    const arrow2 = await box(second.locator('.arrow'));
    expect(Math.abs(arrow2.x + arrow2.width / 2 - tip2.x)).toBeLessThanOrEqual(6);

    await page.locator('#search').click();
    await expect.poll(() => page.locator('kizuna-guide').getByRole('dialog').count()).toBe(0);
    await expect
      .poll(async () => (await kizuna.admin('GET', `/api/v1/admin/guides/${guideId}/report`)).body, { timeout: 10_000 })
      .toMatchObject({ shown: 1, completed: 1, dismissed: 0, steps: [{ index: 0, shown: 1, completed: 1 }, { index: 1, shown: 1, completed: 1 }] });

    await withState(page, () => page.reload());
    await page.waitForTimeout(1_500);
    expect(await stepDialog(page).count()).toBe(0);
    const report = await kizuna.admin('GET', `/api/v1/admin/guides/${guideId}/report`);
    expect(report.body).toMatchObject({ shown: 1, completed: 1 });
    expect(noise).toEqual([]);
    await page.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });

  it('resumes a tour that spans pages where the user left it', async () => {
    const guideId = await createGuide({
      name: 'Across pages',
      trigger: { url: '/resume*' },
      steps: [
        { target: '#to-b', title: 'Open the report', body: 'Click the link.', advance: 'click' },
        { target: '#on-b', title: 'Your report', body: 'Here it is.' },
      ],
    });
    host.page('/resume-b', hostPage('u-resume', {}, '<section id="on-b">Report</section>'));
    const { page, noise } = await open('/resume-a', hostPage('u-resume', {}, '<a id="to-b" href="/resume-b">Report</a>'));
    await stepDialog(page).getByRole('heading', { name: 'Open the report' }).waitFor({ timeout: 10_000 });
    // A real page load: the step completed on the way out must reach the server, then be resumed from it.
    await withState(page, () => page.locator('#to-b').click());
    expect(page.url()).toBe(`${host.origin}/resume-b`);
    await stepDialog(page).getByRole('heading', { name: 'Your report' }).waitFor({ timeout: 10_000 });
    await page.close();

    // The progress lives on the server: on another device the same user resumes at step 2 too.
    const otherDevice = await browser.newContext();
    const other = await otherDevice.newPage();
    const otherNoise = recordConsole(other);
    await other.goto(host.origin + '/resume-b');
    const second = stepDialog(other);
    await second.getByRole('heading', { name: 'Your report' }).waitFor({ timeout: 10_000 });
    expect(await second.getByText('2 / 2').count()).toBe(1);
    await second.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(async () => (await kizuna.admin('GET', `/api/v1/admin/guides/${guideId}/report`)).body, { timeout: 10_000 })
      .toMatchObject({ shown: 1, completed: 1, steps: [{ index: 0, completed: 1 }, { index: 1, shown: 1, completed: 1 }] });
    expect(noise).toEqual([]);
    expect(otherNoise).toEqual([]);
    await otherDevice.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });

  it('shows a guide aimed at plan "pro" to a pro user, not to a free one', async () => {
    const guideId = await createGuide({
      name: 'Pro reports',
      trigger: { url: '/audience*' },
      audience: { all: [{ attribute: 'plan', op: 'eq', value: 'pro' }] },
      steps: [{ title: 'Pro reports', body: 'Your plan includes reports.' }],
    });
    const free = await open('/audience-free', hostPage('u-free', { plan: 'free' }));
    await free.page.waitForTimeout(1_500);
    expect(await stepDialog(free.page).count()).toBe(0);

    const pro = await open('/audience-pro', hostPage('u-pro', { plan: 'pro' }));
    await stepDialog(pro.page).getByRole('heading', { name: 'Pro reports' }).waitFor({ timeout: 10_000 });
    expect(free.noise).toEqual([]);
    expect(pro.noise).toEqual([]);
    await free.page.close();
    await pro.page.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });

  it('starts a guide on a pushState route change, without a reload', async () => {
    const guideId = await createGuide({
      name: 'Reports tour',
      trigger: { url: '/spa/reports*' },
      steps: [{ target: '#content', title: 'Your reports', body: 'All in one place.' }],
    });
    const { page, noise } = await open('/spa', hostPage('u-spa', {}, '<a id="go" href="#">Reports</a><script>document.getElementById("go").onclick=function(e){e.preventDefault();history.pushState({},"","/spa/reports");document.getElementById("content").textContent="Reports";};</script>'));
    await page.waitForTimeout(1_000);
    expect(await stepDialog(page).count()).toBe(0);
    // A mark on the page's own window: gone if the browser reloaded.
    await page.evaluate(() => ((window as any).__samePage = true));
    await page.locator('#go').click();
    await stepDialog(page).getByRole('heading', { name: 'Your reports' }).waitFor({ timeout: 10_000 });
    expect(page.url()).toBe(`${host.origin}/spa/reports`);
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
    expect(noise).toEqual([]);
    await page.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });

  it('waits for a target inserted late, then anchors to it', async () => {
    const guideId = await createGuide({
      name: 'Late widget',
      trigger: { url: '/late*' },
      steps: [{ target: '#late', title: 'New chart', body: 'Loaded after the page.', placement: 'bottom' }],
    });
    const { page, noise } = await open(
      '/late',
      hostPage('u-late', {}, '<script>setTimeout(function(){var d=document.createElement("div");d.id="late";d.textContent="Chart";d.style.cssText="width:200px;height:40px;margin-top:40px";document.querySelector("main").appendChild(d);},1500);</script>'),
    );
    const step = stepDialog(page);
    await step.getByRole('heading', { name: 'New chart' }).waitFor({ timeout: 10_000 });
    const target = await box(page.locator('#late'));
    const tip = await box(step);
    expect(tip.y - (target.y + target.height)).toBeGreaterThanOrEqual(0);
    expect(tip.y - (target.y + target.height)).toBeLessThanOrEqual(16);
    expect(noise).toEqual([]);
    await page.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });

  it('stays readable and inside a 320 px phone screen, even beside a target taller than the screen', async () => {
    const guideId = await createGuide({
      name: 'Phone',
      trigger: { url: '/phone*' },
      steps: [{ target: '#tall', title: 'All your invoices', body: 'Scroll through **every** invoice here.', placement: 'bottom' }],
    });
    const { page, noise } = await open('/phone', hostPage('u-phone', {}, '<div id="tall" style="height:1200px;background:#eef">Invoices</div>'), { width: 320, height: 568 });
    const step = stepDialog(page);
    await step.getByRole('heading', { name: 'All your invoices' }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800); // let the smooth scroll to the target settle
    const tip = await box(step);
    expect(tip.x).toBeGreaterThanOrEqual(0);
    expect(tip.y).toBeGreaterThanOrEqual(0);
    expect(tip.x + tip.width).toBeLessThanOrEqual(320);
    expect(tip.y + tip.height).toBeLessThanOrEqual(568);
    // No horizontal scrollbar added to the host page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await step.getByRole('button', { name: 'Done' }).click();
    expect(noise).toEqual([]);
    await page.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });

  it('shows HTML and script in guide content as text and runs nothing', async () => {
    const guideId = await createGuide({
      name: 'Hostile content',
      trigger: { url: '/xss*' },
      steps: [
        {
          title: '<img src=x onerror="window.__xss=1">Title',
          body: '<script>window.__xss=2</script> **bold** [link](javascript:window.__xss=3)',
        },
      ],
    });
    const { page, noise } = await open('/xss', hostPage('u-xss', {}));
    const step = stepDialog(page);
    await step.waitFor({ timeout: 10_000 });
    expect(await step.getByRole('heading').innerText()).toBe('<img src=x onerror="window.__xss=1">Title');
    expect(await step.innerText()).toContain('<script>window.__xss=2</script>');
    expect(await step.locator('strong').innerText()).toBe('bold');
    expect(await step.locator('img, script, a[href^="javascript"]').count()).toBe(0);
    await step.getByText('link').click().catch(() => undefined);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(noise).toEqual([]);
    await page.close();
    await kizuna.admin('POST', `/api/v1/admin/guides/${guideId}/deactivate`);
  });
});
