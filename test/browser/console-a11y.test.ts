import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { OWNER, startKizunaWithOwner } from './console-session.ts';
import type { KizunaProcess } from './servers.ts';

/**
 * WCAG 2 A/AA rules (axe-core: contrast, names, labels, landmarks, ARIA) on every console page,
 * in both languages, with data on the pages (a detractor and its follow-up).
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let kizuna: KizunaProcess;
let browser: Browser;
let followupPath: string;
let surveyPath: string;
let guidePath: string;
let projectPath: string;
let surveyName: string;

beforeAll(async () => {
  // Private webhooks: the Integrations page's endpoint points at 127.0.0.1. Mail set up (nothing is
  // sent: no account asks for any), so the account page shows its e-mail choices.
  [kizuna, browser] = await Promise.all([
    startKizunaWithOwner({ KIZUNA_WEBHOOK_ALLOW_PRIVATE: '1', KIZUNA_SMTP_URL: 'smtp://127.0.0.1:9', KIZUNA_MAIL_FROM: 'kizuna@example.com' }),
    launchChromium(),
  ]);
  const project = (await kizuna.admin('GET', '/api/v1/admin/projects')).body.items[0];
  const survey = (await kizuna.admin('GET', `/api/v1/admin/projects/${project.id}/surveys`)).body.items[0];
  const guide = (await kizuna.admin('GET', `/api/v1/admin/projects/${project.id}/guides`)).body.items[0];
  const answer = await fetch(`${kizuna.origin}/api/v1/client/${project.key}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ id: 'a11y_answer_1', surveyId: survey.id, userId: 'cust-1', score: 2, comment: '請求書が遅い', factors: { support: -2 }, attributes: { plan: 'pro', ltv: 90000 } }),
  });
  expect(answer.status).toBe(201);
  const followups = await kizuna.admin('GET', `/api/v1/admin/projects/${project.id}/followups`);
  followupPath = `/inbox/${followups.body.items[0].id}`;
  surveyPath = `/surveys/${survey.id}`;
  guidePath = `/guides/${guide.id}`;
  projectPath = `/projects/${project.id}`;
  surveyName = survey.name;
  // An endpoint whose test delivery was tried once (nothing listens on port 1) and waits for its next attempt.
  const endpoint = await kizuna.admin('POST', `/api/v1/admin/projects/${project.id}/webhooks`, { url: 'http://127.0.0.1:1/hook', events: ['webhook.test'], description: 'Ops receiver' });
  await kizuna.admin('POST', `/api/v1/admin/webhooks/${endpoint.body.id}/test`);
  await vi.waitFor(async () => expect((await kizuna.admin('GET', `/api/v1/admin/webhooks/${endpoint.body.id}/deliveries`)).body.items[0]?.attempts).toHaveLength(1), { timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  expect(await kizuna?.stop()).toBe(0);
});

/** axe's WCAG 2 A and AA violations on the page as it is, one line each. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  });
  return found;
}

it.each(['en-US', 'ja-JP'])('has no WCAG 2.1 A/AA violation on any page (%s)', async (locale) => {
  // Only to let the test inject axe: the console's CSP refuses scripts it did not ship.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${kizuna.origin}/admin`);
  await page.locator('h1').waitFor();
  const found: string[] = (await violations(page)).map((v) => `login: ${v}`);
  // The check itself can fail: pale text on white is caught.
  await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<p id="pale" style="color:#ddd;background:#fff">pale</p>'));
  expect(await violations(page)).toContainEqual(expect.stringMatching(/^color-contrast: .*#pale/));
  await page.evaluate(() => document.getElementById('pale')!.remove());
  await page.locator('input[type=email]').fill(OWNER.email);
  await page.locator('input[type=password]').fill(OWNER.password);
  await page.locator('button[type=submit]').click();
  await page.locator('nav').first().waitFor();
  for (const path of ['/dashboard', '/inbox', followupPath, '/surveys', surveyPath, '/surveys/new', '/guides', guidePath, '/projects', projectPath, '/users', '/account']) {
    await page.goto(`${kizuna.origin}/admin${path}`);
    await page.locator('h1').waitFor();
    await page.waitForLoadState('networkidle');
    found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
  }
  // The privacy section's erase dialog, open.
  await page.goto(`${kizuna.origin}/admin${projectPath}`);
  await page.getByLabel(locale === 'ja-JP' ? 'エンドユーザーID' : 'End-user id', { exact: true }).fill('cust-1');
  await page.getByRole('button', { name: locale === 'ja-JP' ? '消去…' : 'Erase…' }).click();
  await page.getByRole('dialog').waitFor();
  found.push(...(await violations(page)).map((v) => `erase dialog: ${v}`));
  // The delete dialog of a survey with answers, once it has said how many (nothing is deleted).
  await page.goto(`${kizuna.origin}/admin/surveys`);
  await page.getByRole('button', { name: locale === 'ja-JP' ? `「${surveyName}」を削除` : `Delete ${surveyName}`, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill(surveyName);
  await dialog.locator('button[type=submit]').click();
  await dialog.getByRole('alert').waitFor();
  found.push(...(await violations(page)).map((v) => `delete dialog: ${v}`));
  // The Integrations page with an endpoint and its delivery log open.
  await page.goto(`${kizuna.origin}/admin/integrations`);
  await page.getByRole('button', { name: locale === 'ja-JP' ? 'Ops receiverの配信ログ' : 'Delivery log of Ops receiver', exact: true }).click();
  await page.locator('.deliveries li').first().waitFor();
  found.push(...(await violations(page)).map((v) => `/integrations: ${v}`));
  expect(found).toEqual([]);
  await context.close();
}, 90_000);
