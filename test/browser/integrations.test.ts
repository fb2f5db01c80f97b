import { mkdirSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startReceiver, type Receiver } from '../server/delivery/receiver.ts';
import { launchChromium, recordConsole } from './chromium.ts';
import { consoleProblems, signInAsOwner, startKizunaWithOwner } from './console-session.ts';
import { snippet, startHostSite, type HostSite, type KizunaProcess } from './servers.ts';

/**
 * Webhooks end to end in real Chromium against the built server (which runs the dispatcher):
 * an owner adds an endpoint on the Integrations page pointing at a receiver on 127.0.0.1, sends a
 * test and sees it delivered in the log; then a user of the customer's app answers, and the
 * answer reaches the receiver signed per Standard Webhooks.
 */
const ARTIFACTS = 'test/artifacts';
let kizuna: KizunaProcess;
let host: HostSite;
let receiver: Receiver;
let browser: Browser;
let project: { id: string; key: string };

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [kizuna, host, receiver, browser] = await Promise.all([
    // The receiver is http on loopback: allowed only because the operator says so.
    startKizunaWithOwner({ KIZUNA_WEBHOOK_ALLOW_PRIVATE: '1' }),
    startHostSite(),
    startReceiver(),
    launchChromium(),
  ]);
  project = (await kizuna.admin('POST', '/api/v1/admin/projects', { name: 'Acme', allowedOrigins: [host.origin] })).body;
  const survey = await kizuna.admin('POST', `/api/v1/admin/projects/${project.id}/surveys`, {
    name: 'Relationship NPS',
    touchpoints: [{ key: 'support', label: { en: 'Support', ja: 'サポート' } }],
    delaySeconds: 0,
  });
  expect(survey.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await receiver?.close();
  expect(await kizuna?.stop()).toBe(0);
});

type Event = { id: string; type: string; data: { response?: { userId: string; score: number; category: string } } };

it('adds an endpoint in the console, sends a test seen delivered, and an answer from a host page arrives signed', { timeout: 90_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  const noise = recordConsole(page);
  await page.goto(`${kizuna.origin}/admin`);
  await signInAsOwner(page);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.locator('.project-picker select').selectOption({ label: 'Acme' });

  await page.getByRole('link', { name: 'Integrations', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
  const add = page.getByRole('region', { name: 'Add an endpoint' });
  await add.getByLabel('URL').fill(receiver.url('/kizuna'));
  await add.getByRole('checkbox', { name: 'response.created' }).check();
  await add.getByRole('checkbox', { name: 'webhook.test' }).check();
  await add.getByLabel('Description').fill('Acme receiver');
  await add.getByRole('button', { name: 'Add endpoint' }).click();
  await add.getByText('Endpoint Acme receiver added.').waitFor();
  const secret = (await add.locator('.secret code').textContent())!;
  expect(secret).toMatch(/^whsec_/);

  const endpoint = page.getByRole('region', { name: 'Acme receiver' });
  await endpoint.getByRole('button', { name: 'Send test to Acme receiver' }).click();
  const log = endpoint.getByRole('region', { name: 'Delivery log of Acme receiver' });
  await log.locator('.badge', { hasText: 'Delivered' }).waitFor({ timeout: 10_000 });
  await log.getByText('HTTP 200').waitFor();
  // The endpoint's own row follows.
  await endpoint.locator('dd', { hasText: /HTTP 200$/ }).waitFor();
  const webhook = new Webhook(secret);
  const verified = () => receiver.requests.map((request) => webhook.verify(request.body, request.headers as Record<string, string>) as Event);
  expect(verified().map((e) => e.type)).toEqual(['webhook.test']);
  await page.screenshot({ path: `${ARTIFACTS}/integrations.png`, fullPage: true });

  // A user of the customer's app (another origin) answers 3: a detractor.
  host.page(
    '/app',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title><link rel="icon" href="data:,">
${snippet(kizuna.origin, project.key, 'cust-7', { plan: 'pro', ltv: 250000, locale: 'en' })}</head><body><main><h1>Acme invoices</h1></main></body></html>`,
  );
  const app = await browser.newPage();
  await app.goto(`${host.origin}/app`);
  const card = app.locator('kizuna-survey').getByRole('dialog');
  await card.getByRole('radio', { name: '3', exact: true }).check();
  await card.getByRole('button', { name: 'Next' }).click();
  await expect.poll(() => verified().map((e) => e.type).sort(), { timeout: 10_000 }).toEqual(['followup.created', 'response.created', 'webhook.test']);
  const answered = verified().find((e) => e.type === 'response.created')!;
  expect(answered.data.response).toMatchObject({ userId: 'cust-7', score: 3, category: 'detractor' });
  await app.close();

  // The log shows it too.
  await log.getByRole('button', { name: 'Refresh' }).click();
  await log.getByText('response.created').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/integrations.png`, fullPage: true });
  expect(consoleProblems(noise)).toEqual([]);
});
