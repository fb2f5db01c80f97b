import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { OWNER, signInAsOwner, startKizunaWithOwner } from './console-session.ts';
import type { KizunaProcess } from './servers.ts';

/** An owner removes an account that is signed in in another browser: that browser's session ends at once. */
let kizuna: KizunaProcess;
let browser: Browser;

const AIKO = { email: 'aiko@example.com', password: 'another long password', name: 'Aiko', role: 'cs' };

beforeAll(async () => {
  [kizuna, browser] = await Promise.all([startKizunaWithOwner(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  expect(await kizuna?.stop()).toBe(0);
});

/** A browser of its own (cookies not shared), at `path` of the console, signed in with `sign`. */
async function signedIn(path: string, heading: string, sign: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${kizuna.origin}/admin${path}`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await sign(page);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}

const adminStatus = (page: Page) => page.evaluate(async () => (await fetch('/api/v1/admin/me')).status);

it('removing a signed-in account ends its session in its own browser: the next API call is 401 and the console asks to sign in', async () => {
  expect((await kizuna.admin('POST', '/api/v1/admin/users', AIKO)).status).toBe(201);
  const aiko = await signedIn('/inbox', 'Follow-ups', async (page) => {
    await page.getByLabel('E-mail').fill(AIKO.email);
    await page.getByLabel('Password').fill(AIKO.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  });
  expect(await adminStatus(aiko)).toBe(200);

  const owner = await signedIn('/users', 'Users', signInAsOwner);
  await owner.getByRole('button', { name: 'Remove Aiko' }).click();
  const dialog = owner.getByRole('dialog', { name: 'Remove Aiko?' });
  await dialog.getByRole('button', { name: 'Remove account' }).click();
  await owner.getByText('Aiko was removed.').waitFor();
  await owner.getByRole('region', { name: 'Removed accounts' }).getByRole('rowheader', { name: 'Aiko' }).waitFor();
  expect(await adminStatus(owner)).toBe(200);

  // Aiko's browser still shows the inbox; its very next request finds no session.
  expect(await adminStatus(aiko)).toBe(401);
  await aiko.getByRole('link', { name: 'Dashboard' }).click();
  await aiko.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await aiko.getByLabel('E-mail').fill(AIKO.email);
  await aiko.getByLabel('Password').fill(AIKO.password);
  await aiko.getByRole('button', { name: 'Sign in' }).click();
  await aiko.getByText('Wrong e-mail or password.').waitFor();

  const accounts = await kizuna.admin<{ items: Array<{ email: string }>; removed: Array<{ email: string; removedBy: string }> }>('GET', '/api/v1/admin/users');
  expect(accounts.body.items.map((a) => a.email)).toEqual([OWNER.email]);
  expect(accounts.body.removed).toMatchObject([{ email: AIKO.email, removedBy: OWNER.email }]);
}, 60_000);
