// The console's pages as a person sees them: signed in, in real Chromium, against the server the
// console bench filled with 100,000 answers. Each page is timed from the start of the navigation
// until its heading is there and nothing on it says "Loading…" (data fetched and rendered).
import { chromium } from 'playwright-core';

const RUNS = 5;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const BENCH_OWNER = { email: 'bench@kizuna.local', password: 'bench-password-0000' };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * True once the page has its heading (another than `before`, the page navigated away from) and no
 * loading placeholder left (see console/components/await.tsx).
 */
const rendered = (before) => {
  const heading = document.querySelector('h1');
  return !!heading && heading.textContent !== before && ![...document.querySelectorAll('[role="status"]')].some((el) => el.textContent === 'Loading…');
};
const headingOf = (page) => page.evaluate(() => document.querySelector('h1')?.textContent ?? null);

/** Moves the console to `to` the way its links do (history + popstate), without a page load. */
const goInApp = (page, to) =>
  page.evaluate((path) => {
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, to);

/** The console pages people open, with the data of `created` (bench/console.mjs). */
function consolePages({ project, surveys, guides }, followupId) {
  const survey = surveys[0].id;
  return [
    ['follow-ups, open', '/inbox'],
    ['follow-ups, resolved, lowest score', '/inbox?status=resolved&sort=score'],
    ['follow-up detail', `/inbox/${followupId}`],
    ['dashboard, 30 days', `/dashboard?survey=${survey}&period=30d`],
    ['dashboard, 12 months', `/dashboard?survey=${survey}&period=12m`],
    ['surveys', '/surveys'],
    ['survey editor', `/surveys/${survey}`],
    ['guides (with reports)', '/guides'],
    ['guide editor', `/guides/${guides[0].id}`],
    ['projects', '/projects'],
    ['project settings', `/projects/${project.id}`],
    ['users', '/users'],
  ];
}

/**
 * Times each page two ways: opened by URL (HTML, scripts and every API call) and reached inside
 * the app (history navigation: what clicking the menu does). Median and max of RUNS after a warm-up.
 */
export async function consoleRenderBench(origin, created, followupId) {
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await context.addInitScript((id) => localStorage.setItem('kizuna.console.project', id), created.project.id);
    const page = await context.newPage();
    await page.goto(`${origin}/admin`);
    await page.getByLabel('E-mail').fill(BENCH_OWNER.email);
    await page.getByLabel('Password').fill(BENCH_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction(rendered, 'Sign in', { polling: 'raf' });

    const results = [];
    for (const [label, path] of consolePages(created, followupId)) {
      const byUrl = [];
      const inApp = [];
      for (let i = 0; i <= RUNS; i++) {
        let started = performance.now();
        await page.goto(`${origin}/admin${path}`);
        await page.waitForFunction(rendered, null, { polling: 'raf' });
        const loaded = performance.now() - started;

        // Away and back inside the app, as a click on the menu does.
        const here = await headingOf(page);
        await goInApp(page, path === '/users' ? '/admin/projects' : '/admin/users');
        await page.waitForFunction(rendered, here, { polling: 'raf' });
        const away = await headingOf(page);
        started = performance.now();
        await goInApp(page, `/admin${path}`);
        await page.waitForFunction(rendered, away, { polling: 'raf' });
        const navigated = performance.now() - started;
        if (i > 0) {
          byUrl.push(loaded);
          inApp.push(navigated);
        }
      }
      results.push({ label, inApp: { median: median(inApp), max: Math.max(...inApp) }, byUrl: { median: median(byUrl), max: Math.max(...byUrl) } });
    }
    return { runs: RUNS, results };
  } finally {
    await browser.close();
  }
}
