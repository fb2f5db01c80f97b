import type { Page } from 'playwright-core';
import { startKizuna, type KizunaProcess } from './servers.ts';

/** The first owner the console browser tests start the server with. */
export const OWNER = { email: 'owner@example.com', password: 'correct horse battery' };

/** The built server on a fresh database whose first console account is OWNER (with more of its environment in `env`). */
export const startKizunaWithOwner = (env: Record<string, string> = {}): Promise<KizunaProcess> =>
  startKizuna({ KIZUNA_OWNER_EMAIL: OWNER.email, KIZUNA_OWNER_PASSWORD: OWNER.password, ...env });

/** Fills and sends the (English) sign-in form as OWNER. */
export async function signInAsOwner(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Console noise but the 401 of asking who is signed in before anyone is (browsers log every failed load). */
export const consoleProblems = (noise: string[]) => noise.filter((line) => !/status of 401/.test(line));
