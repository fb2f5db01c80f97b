// Every list and aggregate the admin console reads, timed against the built server over a
// realistic database: 100,000 answers of 5,000 users over 12 months (about 30 % detractors, each
// with a follow-up; touchpoint answers; comments on about 30 %; survey_shown events; guide events).
// The rows are written straight into SQLite in large transactions (seeding speed is not the point);
// projects, surveys and guides go through the admin API. `node bench/console.mjs` runs it alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { BENCH_OWNER, consoleRenderBench } from './console-render.mjs';
import { BENCH_TOKEN, startServer, stopServer } from './server.mjs';

/** Signs the render bench in (bench/console-render.mjs). */
const OWNER_ENV = { KIZUNA_OWNER_EMAIL: BENCH_OWNER.email, KIZUNA_OWNER_PASSWORD: BENCH_OWNER.password };

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 100_000);
const USERS = 5_000;
const RUNS = 5;
/** Budget of each page API (the slowest of the runs); CSV downloads are reported apart. */
export const PAGE_BUDGET_MS = 300;

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** Deterministic random numbers (mulberry32), so every run seeds the same data. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOUCHPOINTS = {
  relationship: [
    { key: 'onboarding', label: { en: 'In-app guide', ja: 'アプリ内ガイド' } },
    { key: 'docs', label: { en: 'Help docs', ja: 'ヘルプドキュメント' } },
    { key: 'support', label: { en: 'Support', ja: 'サポート対応' } },
    { key: 'billing', label: { en: 'Billing', ja: '請求・お支払い' } },
    { key: 'performance', label: { en: 'Speed & reliability', ja: '動作速度・安定性' } },
    { key: 'features', label: { en: 'New features', ja: '新機能' } },
  ],
  onboarding: [
    { key: 'onboarding', label: { en: 'In-app guide', ja: 'アプリ内ガイド' } },
    { key: 'setup', label: { en: 'Setup', ja: '初期設定' } },
    { key: 'support', label: { en: 'Support', ja: 'サポート対応' } },
  ],
};

const COMMENTS = [
  'サポートの返信が遅い。3日待ちました。',
  '請求書の作成がとても簡単になりました！',
  '動作が重い、特に月末の集計画面',
  'Great product, the new dashboard is "exactly" what we needed',
  'Export to CSV breaks with commas, please fix',
  'ヘルプドキュメントが分かりやすい',
  '料金が高い。機能は満足しているが、値上げは困る',
  'Onboarding tour was helpful,\nbut the billing page is confusing',
  '=サポートに電話がつながらない',
  '新機能の通知が多すぎる',
];
const PATHS = ['/dashboard', '/invoices', '/invoices/new', '/settings/billing', '/reports'];
const CS_TEAM = ['sato@acme.test', 'suzuki@acme.test', 'takahashi@acme.test', 'tanaka@acme.test'];

async function admin(origin, method, path, body) {
  const res = await fetch(`${origin}/api/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The project, its two surveys and three guides, made through the admin API like an admin would. */
async function createProject(origin) {
  const project = await admin(origin, 'POST', '/projects', { name: 'Acme 請求書クラウド', allowedOrigins: ['https://app.acme.test'] });
  const relationship = await admin(origin, 'POST', `/projects/${project.id}/surveys`, { name: 'Relationship NPS', touchpoints: TOUCHPOINTS.relationship });
  const onboarding = await admin(origin, 'POST', `/projects/${project.id}/surveys`, { name: 'Onboarding NPS', touchpoints: TOUCHPOINTS.onboarding, recontactDays: 30 });
  const guides = [];
  for (const name of ['Dashboard tour', 'First invoice', 'Billing settings']) {
    guides.push(
      await admin(origin, 'POST', `/projects/${project.id}/guides`, {
        name,
        trigger: { url: '/invoices*' },
        steps: [
          { target: '#new-invoice', title: { ja: '請求書を作成', en: 'Create an invoice' }, body: 'Start **here**.' },
          { target: '#send', title: 'Send it', body: 'Click **Send**.', advance: 'click' },
          { title: 'Done', body: 'That is all.' },
        ],
      }),
    );
  }
  return { project, surveys: [relationship, onboarding], guides };
}

/** Writes users, answers, factors, follow-ups with history, and events into the file. */
function seed(dbFile, { project, surveys, guides }, now) {
  const rand = random(20250601);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const start = now - YEAR;

  const insertUser = db.prepare('INSERT INTO users (project_id, user_id, attributes, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
  const insertResponse = db.prepare(
    'INSERT INTO responses (project_id, survey_id, client_id, user_id, score, category, comment, locale, url, attributes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Factors carry their answer's survey, time and category, as the server writes them.
  const insertFactor = db.prepare('INSERT INTO response_factors (response_id, key, value, survey_id, created_at, category) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFollowup = db.prepare('INSERT INTO followups (id, project_id, response_id, status, assignee, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertHistory = db.prepare('INSERT INTO followup_history (followup_id, at, actor, action, from_value, to_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertEvent = db.prepare(
    'INSERT INTO events (project_id, client_id, type, survey_id, guide_id, step_index, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  // Users: a plan, an LTV for 90 % (log-normal around ¥60,000), and a mood their scores follow.
  const users = Array.from({ length: USERS }, (_, i) => {
    const plan = rand() < 0.6 ? 'pro' : rand() < 0.5 ? 'free' : 'enterprise';
    const ltv = rand() < 0.9 ? Math.round(60_000 * Math.exp((rand() + rand() + rand() - 1.5) * 1.6)) : undefined;
    return { id: `user-${String(i).padStart(5, '0')}`, attributes: { plan, ...(ltv === undefined ? {} : { ltv }), signedUpAt: new Date(start - rand() * YEAR).toISOString() }, mood: rand() };
  });
  let answers = 0;
  let followups = 0;
  let events = 0;
  let eventId = 0;
  const event = (type, userId, at, surveyId = null, guideId = null, stepIndex = null) => {
    insertEvent.run(project.id, `ev_${++eventId}`, type, surveyId, guideId, stepIndex, userId, at);
    events++;
  };

  db.transaction(() => {
    for (const u of users) insertUser.run(project.id, u.id, JSON.stringify(u.attributes), start, now);
  })();

  const BATCH = 20_000;
  for (let from = 0; from < ANSWERS; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(ANSWERS, from + BATCH); i++) {
        const user = pick(users);
        const survey = rand() < 0.75 ? surveys[0] : surveys[1];
        const at = Math.floor(start + rand() * YEAR);
        // Happy users score high; about 30 % of answers end up 0–6.
        const score = Math.max(0, Math.min(10, Math.round(user.mood * 6 + 4.2 + (rand() - 0.5) * 5)));
        const category = score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
        const comment = rand() < 0.3 ? pick(COMMENTS) : null;
        event('survey_shown', user.id, at - 5_000, survey.id);
        const { lastInsertRowid: responseId } = insertResponse.run(
          project.id,
          survey.id,
          `bench_${i}`,
          user.id,
          score,
          category,
          comment,
          rand() < 0.7 ? 'ja' : 'en',
          `https://app.acme.test${pick(PATHS)}`,
          JSON.stringify(user.attributes),
          at,
        );
        answers++;
        for (const { key } of survey.touchpoints) {
          if (rand() < 0.6) insertFactor.run(responseId, key, Math.max(-3, Math.min(3, Math.round((score - 7) / 1.5 + (rand() - 0.5) * 3))), survey.id, at, category);
        }
        if (score <= survey.detractorThreshold) {
          // Older follow-ups are mostly handled; recent ones mostly not.
          const old = now - at > 30 * DAY;
          const r = rand();
          const status = old ? (r < 0.85 ? 'resolved' : r < 0.95 ? 'in_progress' : 'open') : r < 0.5 ? 'open' : r < 0.8 ? 'in_progress' : 'resolved';
          const assignee = status === 'open' && rand() < 0.5 ? null : pick(CS_TEAM);
          const id = `fu_bench${String(++followups).padStart(7, '0')}`;
          const updated = status === 'open' ? at : at + Math.floor(rand() * 3 * DAY);
          insertFollowup.run(id, project.id, responseId, status, assignee, at, updated);
          insertHistory.run(id, at, 'system', 'created', null, 'open', null);
          if (assignee) insertHistory.run(id, updated, assignee, 'assignee', null, assignee, null);
          if (status !== 'open') insertHistory.run(id, updated, assignee ?? 'system', 'status', 'open', status, null);
          if (status !== 'open' && rand() < 0.6) insertHistory.run(id, updated, assignee ?? 'system', 'note', null, null, '電話でヒアリングしました。次回の更新で改善予定とお伝え済み。');
        }
      }
      // Users shown a survey who did not answer (about 1.2 per answer), some dismissing it.
      for (let i = 0; i < (Math.min(ANSWERS, from + BATCH) - from) * 1.2; i++) {
        const user = pick(users);
        const survey = rand() < 0.75 ? surveys[0] : surveys[1];
        const at = Math.floor(start + rand() * YEAR);
        event('survey_shown', user.id, at, survey.id);
        if (rand() < 0.3) event('survey_dismissed', user.id, at + 8_000, survey.id);
      }
      // Guides: shown, their steps, completed or dismissed.
      for (let i = 0; i < BATCH / 10; i++) {
        const user = pick(users);
        const guide = pick(guides);
        const at = Math.floor(start + rand() * YEAR);
        event('guide_shown', user.id, at, null, guide.id);
        const reached = Math.floor(rand() * 4);
        for (let step = 0; step < Math.min(reached, 3); step++) {
          event('guide_step_shown', user.id, at + step * 3_000, null, guide.id, step);
          event('guide_step_completed', user.id, at + step * 3_000 + 2_000, null, guide.id, step);
        }
        event(reached >= 3 ? 'guide_completed' : 'guide_dismissed', user.id, at + 10_000, null, guide.id);
      }
    })();
  }
  // Scores and due dates of the follow-ups, by the same SQL the migration fills earlier ones with.
  for (const statement of readFileSync('dist/server/migrations/0005_followup_backfill.sql', 'utf8').split('--> statement-breakpoint')) db.exec(statement);
  db.close();
  return { answers, followups, events };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds from request to the last byte of the body. */
async function timed(origin, path) {
  const started = performance.now();
  const res = await fetch(`${origin}/api/v1/admin${path}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${Buffer.from(body).toString()}`);
  return { ms, body };
}

/** The page APIs the console calls, with their queries. */
function pages({ project, surveys, guides }, origin, now, firstPages) {
  const survey = surveys[0].id;
  const iso = (ms) => new Date(ms).toISOString();
  const year = `from=${iso(now - YEAR)}&to=${iso(now)}`;
  const list = [
    ['project list', '/projects'],
    ['survey list', `/projects/${project.id}/surveys`],
    ['guide list', `/projects/${project.id}/guides`],
    ['guide report', `/guides/${guides[0].id}/report`],
    ['dashboard, 30 days', `/surveys/${survey}/dashboard`],
    ['dashboard, 12 months by week', `/surveys/${survey}/dashboard?${year}&interval=week`],
    ['dashboard, 12 months by month', `/surveys/${survey}/dashboard?${year}&interval=month`],
    ['matrix users, 30 days', `/surveys/${survey}/matrix-users?row=high&column=detractor`],
    ['matrix users, 12 months', `/surveys/${survey}/matrix-users?row=high&column=detractor&${year}`],
    ['comments, 30 days', `/surveys/${survey}/comments`],
    ['comments, 12 months', `/surveys/${survey}/comments?${year}`],
    ['comments, detractors', `/surveys/${survey}/comments?${year}&category=detractor`],
    ['comments, support negative', `/surveys/${survey}/comments?${year}&touchpoint=support&impact=negative`],
    ['comments, text "遅い"', `/surveys/${survey}/comments?${year}&q=${encodeURIComponent('遅い')}`],
    ['comments, text matching none', `/surveys/${survey}/comments?${year}&q=zzz`],
  ];
  for (const status of ['open', 'in_progress', 'resolved']) {
    for (const sort of ['newest', 'oldest', 'due', 'score']) list.push([`follow-ups ${status}, ${sort}`, `/projects/${project.id}/followups?status=${status}&sort=${sort}`]);
  }
  list.push(
    ['follow-ups all, newest', `/projects/${project.id}/followups`],
    ['follow-ups all, score', `/projects/${project.id}/followups?sort=score`],
    ['follow-ups open, assignee', `/projects/${project.id}/followups?status=open&assignee=${encodeURIComponent(CS_TEAM[0])}`],
    ['follow-ups open, unassigned', `/projects/${project.id}/followups?status=open&assignee=none`],
    ['follow-ups open, score 0–3', `/projects/${project.id}/followups?status=open&minScore=0&maxScore=3`],
    ['follow-ups open, last 30 days', `/projects/${project.id}/followups?status=open&from=${iso(now - 30 * DAY)}`],
    ['follow-ups overdue, newest', `/projects/${project.id}/followups?overdue=true`],
    ['follow-ups overdue, due', `/projects/${project.id}/followups?status=in_progress&overdue=true&sort=due`],
    ['follow-ups open, page 2', `/projects/${project.id}/followups?status=open&cursor=${firstPages.openNewest}`],
    ['follow-ups resolved, score, page 2', `/projects/${project.id}/followups?status=resolved&sort=score&cursor=${firstPages.resolvedScore}`],
    ['follow-up detail', `/followups/${firstPages.followupId}`],
  );
  return list;
}

export async function consoleBench() {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-console-bench-'));
  const dbFile = join(dir, 'bench.sqlite');
  try {
    // First start: migrations, then what an admin creates.
    const first = await startServer(dbFile, OWNER_ENV);
    let created;
    try {
      created = await createProject(first.origin);
    } finally {
      await stopServer(first.child);
    }
    const now = Date.now();
    const seedStarted = performance.now();
    const counts = seed(dbFile, created, now);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const { child, origin } = await startServer(dbFile, OWNER_ENV);
    try {
      const { project } = created;
      const open = JSON.parse(Buffer.from((await timed(origin, `/projects/${project.id}/followups?status=open`)).body).toString());
      const resolved = JSON.parse(Buffer.from((await timed(origin, `/projects/${project.id}/followups?status=resolved&sort=score`)).body).toString());
      const firstPages = { openNewest: open.nextCursor, resolvedScore: resolved.nextCursor, followupId: open.items[0].id };

      const results = [];
      for (const [label, path] of pages(created, origin, now, firstPages)) {
        await timed(origin, path); // warm-up: statement cache, page cache
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push((await timed(origin, path)).ms);
        results.push({ label, median: median(runs), max: Math.max(...runs) });
      }

      const downloads = [];
      for (const file of ['responses.csv', 'followups.csv']) {
        await timed(origin, `/projects/${project.id}/${file}`);
        const { ms, body } = await timed(origin, `/projects/${project.id}/${file}`);
        const rows = Buffer.from(body).toString().split('\r\n').length - 2;
        downloads.push({ file, ms, bytes: body.byteLength, rows });
      }
      const render = await consoleRenderBench(origin, created, firstPages.followupId);
      const slow = [
        ...results.filter((r) => r.max > PAGE_BUDGET_MS).map((r) => ({ label: `API ${r.label}`, max: r.max })),
        ...render.results.filter((r) => r.inApp.max > PAGE_BUDGET_MS).map((r) => ({ label: `page ${r.label}`, max: r.inApp.max })),
      ];
      return { ...counts, users: USERS, seedSeconds, runs: RUNS, results, downloads, render, slow };
    } finally {
      await stopServer(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const int = (n) => Math.round(n).toLocaleString('en');

/** Prints the figures as `npm run bench` shows them; returns false when a page API is over budget. */
export function printConsoleBench(bench) {
  console.log(
    `\nConsole API on ${int(bench.answers)} answers (${int(bench.users)} users, 12 months, ${int(bench.followups)} follow-ups, ${int(bench.events)} events; ` +
      `median / max of ${bench.runs} runs after a warm-up, budget ${PAGE_BUDGET_MS} ms):`,
  );
  for (const r of bench.results) console.log(`  ${r.label.padEnd(36)} ${r.median.toFixed(1).padStart(7)} ms ${r.max.toFixed(1).padStart(7)} ms`);
  console.log(
    `Console pages in Chromium, until rendered with their data (median / max of ${bench.render.runs}; budget ${PAGE_BUDGET_MS} ms in the app, opening by URL shown for reference):`,
  );
  const ms = ({ median, max }) => `${median.toFixed(0).padStart(5)} / ${max.toFixed(0).padStart(4)} ms`;
  for (const r of bench.render.results) console.log(`  ${r.label.padEnd(36)} in app ${ms(r.inApp)}   by URL ${ms(r.byUrl)}`);
  console.log('CSV downloads (whole project, streamed):');
  for (const d of bench.downloads) {
    console.log(`  ${d.file.padEnd(36)} ${int(d.rows).padStart(7)} rows ${(d.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB ${int(d.ms).padStart(7)} ms`);
  }
  if (bench.slow.length === 0) return true;
  console.error(`\nOver ${PAGE_BUDGET_MS} ms:\n  ${bench.slow.map((r) => `${r.label}: ${r.max.toFixed(0)} ms`).join('\n  ')}`);
  return false;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!printConsoleBench(await consoleBench())) process.exitCode = 1;
}
