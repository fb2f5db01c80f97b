import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, recordConsole } from './chromium.ts';
import { chooseByArrows, tabTo } from './keyboard.ts';
import { snippet, startHostSite, startKizuna, type HostSite, type KizunaProcess } from './servers.ts';

/**
 * The core loop end to end, in real Chromium: a customer's app on one origin embeds the snippet,
 * the built widget is served by the built server on another origin, a user answers by keyboard,
 * and CS sees the scored, flagged response through the admin API.
 */
let kizuna: KizunaProcess;
let host: HostSite;
let browser: Browser;
let projectKey: string;
let surveyId: string;

const hostileCss = `<style>
  * { font-family: "Comic Sans MS", cursive !important; color: rgb(255, 0, 0) !important; line-height: 4 !important; }
  div, section, button, input, label { display: inline !important; background: yellow !important; }
</style>`;

function hostPage(userId: string, extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme Invoices</title><link rel="icon" href="data:,">${extraHead}
${snippet(kizuna.origin, projectKey, userId, { plan: 'pro', ltv: 120000, locale: 'en' })}</head>
<body><header id="top">Acme Invoices</header><main><label>Search <input id="search"></label><button id="export">Export</button>
<p id="content">Invoices for November</p></main></body></html>`;
}

async function openAs(userId: string, extraHead = ''): Promise<{ page: Page; noise: string[] }> {
  const path = `/app-${userId}`;
  host.page(path, hostPage(userId, extraHead));
  const page = await browser.newPage();
  const noise = recordConsole(page);
  await page.goto(host.origin + path);
  return { page, noise };
}

beforeAll(async () => {
  [kizuna, host, browser] = await Promise.all([startKizuna(), startHostSite(), launchChromium()]);
  const project = await kizuna.admin('POST', '/api/v1/admin/projects', { name: 'Acme', allowedOrigins: [host.origin] });
  expect(project.status).toBe(201);
  projectKey = project.body.key;
  const survey = await kizuna.admin('POST', `/api/v1/admin/projects/${project.body.id}/surveys`, {
    name: 'Relationship NPS',
    question: { en: 'How likely are you to recommend Acme?', ja: 'Acmeをすすめる可能性は？' },
    touchpoints: [
      { key: 'docs', label: { en: 'Help docs', ja: 'ヘルプ' } },
      { key: 'support', label: { en: 'Support', ja: 'サポート' } },
    ],
    delaySeconds: 1,
  });
  expect(survey.status).toBe(201);
  surveyId = survey.body.id;
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  expect(await kizuna?.stop()).toBe(0);
});

describe('survey in a host page on another origin', { timeout: 60_000 }, () => {
  it('is answered by keyboard, scored, flagged, and not shown again after reload', async () => {
    const { page, noise } = await openAs('u-keyboard', hostileCss);
    const globalsBefore = await page.evaluate(() => Object.keys(window).length);

    const scale = page.getByRole('radiogroup', { name: 'How likely are you to recommend Acme?' });
    await scale.waitFor({ timeout: 10_000 });
    await chooseByArrows(page, scale, '3');
    // Choosing never advances: still on the score step.
    await page.waitForTimeout(300);
    expect(await scale.isVisible()).toBe(true);

    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');

    const support = page.getByRole('radiogroup', { name: 'Support' });
    await support.waitFor();
    await chooseByArrows(page, support, 'Very negative influence');
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');

    const comment = page.getByRole('dialog').getByRole('textbox');
    await comment.waitFor();
    await tabTo(page, comment);
    await page.keyboard.type('請求書の画面が遅いです');
    await tabTo(page, page.getByRole('button', { name: 'Submit' }));
    await page.keyboard.press('Enter');
    await page.getByText('Thank you for your feedback!').waitFor();

    await expect.poll(async () => (await kizuna.admin('GET', `/api/v1/admin/surveys/${surveyId}/report`)).body.total, { timeout: 10_000 }).toBe(1);
    await expect
      .poll(async () => {
        const { body } = await kizuna.admin('GET', `/api/v1/admin/projects/${await projectId()}/followups?status=open`);
        return body.items.find((i: any) => i.userId === 'u-keyboard' && i.response.comment);
      }, { timeout: 10_000 })
      .toBeTruthy();
    const { body } = await kizuna.admin('GET', `/api/v1/admin/projects/${await projectId()}/followups?status=open`);
    const item = body.items.find((i: any) => i.userId === 'u-keyboard');
    expect(item.response).toMatchObject({ score: 3, category: 'detractor', factors: { support: -3 }, comment: '請求書の画面が遅いです' });
    expect(item.response.factors).not.toHaveProperty('docs');
    expect(item.attributes).toMatchObject({ plan: 'pro', ltv: 120000 });

    // The card reset held against hostile host CSS, and the host gained one global only.
    expect(await page.evaluate(() => Object.keys(window).filter((k) => k === 'kizuna').length)).toBe(1);
    expect(await page.evaluate(() => Object.keys(window).length)).toBe(globalsBefore);

    // Listening before reloading, so the answer cannot slip by.
    const state = page.waitForResponse((r) => r.url().includes('/state'));
    await page.reload();
    await state;
    await page.waitForTimeout(2_500);
    expect(await page.getByRole('radiogroup').count()).toBe(0);
    expect(noise).toEqual([]);
    await page.close();
  });

  it('keeps a score when the user closes the card right after it (partial answer)', async () => {
    const { page, noise } = await openAs('u-partial');
    const scale = page.getByRole('radiogroup', { name: 'How likely are you to recommend Acme?' });
    await scale.waitFor({ timeout: 10_000 });
    await chooseByArrows(page, scale, '8');
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
    await page.getByRole('radiogroup', { name: 'Support' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('radiogroup').count()).toBe(0);

    await expect
      .poll(async () => (await kizuna.admin('GET', `/api/v1/admin/surveys/${surveyId}/report`)).body.passives, { timeout: 10_000 })
      .toBe(1);
    expect(noise).toEqual([]);
    await page.close();
  });

  it('loses no answer when the network fails: the queued response is sent after reload', async () => {
    const { page, noise } = await openAs('u-offline');
    await page.route('**/responses', (route) => route.abort('internetdisconnected'));
    const scale = page.getByRole('radiogroup', { name: 'How likely are you to recommend Acme?' });
    await scale.waitFor({ timeout: 10_000 });
    await chooseByArrows(page, scale, '1');
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
    await page.getByRole('radiogroup', { name: 'Support' }).waitFor();
    await page.keyboard.press('Escape');

    const before = await kizuna.admin('GET', `/api/v1/admin/projects/${await projectId()}/followups`);
    expect(before.body.items.some((i: any) => i.userId === 'u-offline')).toBe(false);

    await page.unroute('**/responses');
    await page.reload();
    await expect
      .poll(async () => {
        const { body } = await kizuna.admin('GET', `/api/v1/admin/projects/${await projectId()}/followups`);
        return body.items.filter((i: any) => i.userId === 'u-offline').map((i: any) => i.response.score);
      }, { timeout: 15_000 })
      .toEqual([1]);
    // Answered on this device: not asked again even before the server confirms it.
    await page.waitForTimeout(2_000);
    expect(await page.getByRole('radiogroup').count()).toBe(0);
    // A failed fetch is the network's business, not a console error of ours.
    expect(noise.filter((n) => !n.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await page.close();
  });

  it('never takes focus from the host page nor traps it', async () => {
    const { page, noise } = await openAs('u-focus');
    const search = page.locator('#search');
    await search.click();
    await page.keyboard.type('inv');
    const scale = page.getByRole('radiogroup', { name: 'How likely are you to recommend Acme?' });
    await scale.waitFor({ timeout: 10_000 });
    // The user was typing when the card appeared: focus and keystrokes stay in the host app.
    await page.keyboard.type('oice');
    expect(await search.inputValue()).toBe('invoice');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');

    // Keyboard users reach the card with Tab and leave it with Shift+Tab, back to the host page.
    await tabTo(page, page.getByRole('button', { name: 'Close' }));
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export');
    expect(noise).toEqual([]);
    await page.close();
  });

  it('fits a 320 px phone, shifts no host layout, and keeps host styles out', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    host.page('/app-phone', hostPage('u-phone', hostileCss));
    const page = await context.newPage();
    const noise = recordConsole(page);
    await page.addInitScript(() => {
      (window as any).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) (window as any).__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(host.origin + '/app-phone');
    const before = await page.locator('#content').boundingBox();
    const scale = page.getByRole('radiogroup', { name: 'How likely are you to recommend Acme?' });
    await scale.waitFor({ timeout: 10_000 });

    const card = await page.getByRole('dialog').boundingBox();
    expect(card).not.toBeNull();
    expect(card!.x).toBeGreaterThanOrEqual(0);
    expect(card!.x + card!.width).toBeLessThanOrEqual(320);
    expect(card!.width).toBeGreaterThan(280);
    for (const name of ['0', '10']) {
      const box = await scale.getByRole('radio', { name, exact: true }).boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    }
    expect(await page.locator('#content').boundingBox()).toEqual(before);
    expect(await page.evaluate(() => (window as any).__shift)).toBe(0);

    const style = await page.getByText('How likely are you to recommend Acme?').evaluate((el) => {
      const s = getComputedStyle(el);
      return { color: s.color, font: s.fontFamily, lineHeight: s.lineHeight };
    });
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    expect(style.font).not.toContain('Comic Sans');
    expect(style.lineHeight).not.toMatch(/^(4|[0-9]{3,})/);
    expect(noise).toEqual([]);
    await context.close();
  });
});

let cachedProjectId: string | undefined;
async function projectId(): Promise<string> {
  if (!cachedProjectId) {
    const { body } = await kizuna.admin('GET', '/api/v1/admin/projects');
    cachedProjectId = body.items.find((p: any) => p.key === projectKey).id;
  }
  return cachedProjectId!;
}
