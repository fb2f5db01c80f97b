import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../server/data/db.ts';
import { followupDueAt } from '../../server/data/followup-due.ts';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import { makeTempDir, seedGuide } from './helpers.ts';

const MIGRATIONS = fileURLToPath(new URL('../../server/data/migrations', import.meta.url));
const AT = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

/** A copy of the migrations folder holding only its first `count` migrations. */
function firstMigrations(dir: string, count: number): string {
  const folder = join(dir, `migrations-${count}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.slice(0, count);
  for (const { tag } of journal.entries) copyFileSync(join(MIGRATIONS, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
  return folder;
}

describe('migrations', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir();
    file = join(dir, 'kizuna.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades a database made by 0000_init on open, keeping its rows and its idempotency', async () => {
    const old = openDb(file);
    migrate(old, { migrationsFolder: firstMigrations(dir, 1) });
    old.$client.exec(`
      INSERT INTO projects (id, key, name, allowed_origins, created_at) VALUES ('prj_old', 'pk_old', 'Old', '["https://old.test"]', ${AT});
      INSERT INTO surveys (id, project_id, name, question, touchpoints, detractor_threshold, recontact_days, delay_seconds, sample_rate, active, created_at, updated_at)
        VALUES ('srv_old', 'prj_old', 'NPS', '"How likely?"', '[{"key":"support","label":"Support"}]', 6, 30, 5, 1, 1, ${AT}, ${AT});
      INSERT INTO responses (project_id, survey_id, client_id, user_id, score, category, created_at) VALUES ('prj_old', 'srv_old', 'answer_01', 'u1', 9, 'promoter', ${AT});
      INSERT INTO events (project_id, client_id, type, survey_id, user_id, at) VALUES ('prj_old', 'event_001', 'survey_dismissed', 'srv_old', 'u1', ${AT});
      INSERT INTO settings (key, value) VALUES ('admin_token', 'kz_old');
    `);
    old.$client.close();

    const store = openSqliteStore(file);
    try {
      expect(await store.projects.getByKey('pk_old')).toMatchObject({ id: 'prj_old', allowedOrigins: ['https://old.test'], maxStartsPerPageView: 1 });
      expect(await store.surveys.get('srv_old')).toMatchObject({ question: 'How likely?', recontactDays: 30, audience: null, priority: 0 });
      expect(await store.responses.lastAnsweredAt('prj_old', 'u1')).toEqual(new Map([['srv_old', AT]]));
      expect(await store.events.lastDismissedAt('prj_old', 'u1')).toEqual(new Map([['srv_old', AT]]));
      expect(await store.settings.get('admin_token')).toBe('kz_old');

      // The rebuilt events table still refuses a known id, and takes guide events.
      const guide = await seedGuide(store, 'prj_old');
      const again = await store.events.record('prj_old', [
        { clientId: 'event_001', type: 'survey_dismissed', surveyId: 'srv_old', userId: 'u1', at: new Date() },
        { clientId: 'event_002', type: 'guide_shown', guideId: guide.id, userId: 'u1', at: new Date() },
      ]);
      expect(again).toBe(1);
      expect(await store.events.lastDismissedAt('prj_old', 'u1')).toEqual(new Map([['srv_old', AT]]));
    } finally {
      await store.close();
    }
  });

  it('gives follow-ups made before 0004 their answer’s score and a due date 2 business days after it, and factors their answer’s survey, time and category', async () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
    const before = journal.entries.findIndex((e) => e.tag.endsWith('_console_reports'));
    const old = openDb(file);
    migrate(old, { migrationsFolder: firstMigrations(dir, before) });
    old.$client.exec(`
      INSERT INTO projects (id, key, name, allowed_origins, created_at) VALUES ('prj_old', 'pk_old', 'Old', '[]', ${AT});
      INSERT INTO surveys (id, project_id, name, question, touchpoints, detractor_threshold, recontact_days, delay_seconds, sample_rate, active, created_at, updated_at)
        VALUES ('srv_old', 'prj_old', 'NPS', '"How likely?"', '[{"key":"support","label":"Support"}]', 6, 30, 5, 1, 1, ${AT}, ${AT});
    `);
    // One answer and follow-up per weekday, 2025-06-01 (a Sunday) … 06-07, at 23:30 UTC.
    const answeredAt = Array.from({ length: 7 }, (_, i) => AT + i * DAY + 23.5 * 3_600_000);
    answeredAt.forEach((at, i) => {
      old.$client.exec(`
        INSERT INTO responses (id, project_id, survey_id, client_id, user_id, score, category, created_at) VALUES (${i + 1}, 'prj_old', 'srv_old', 'answer_0${i}', 'u${i}', ${i}, 'detractor', ${at});
        INSERT INTO followups (id, project_id, response_id, status, assignee, created_at, updated_at) VALUES ('fu_${i}', 'prj_old', ${i + 1}, '${i === 6 ? 'resolved' : 'open'}', NULL, ${at}, ${at});
        INSERT INTO response_factors (response_id, key, value) VALUES (${i + 1}, 'support', ${i - 3});
      `);
    });
    old.$client.close();

    const store = openSqliteStore(file);
    try {
      expect(await store.projects.get('prj_old')).toMatchObject({ ltvBoundary: null, lastSeen: null });
      const { items } = await store.followups.list('prj_old', { limit: 10, sort: 'oldest' });
      expect(items.map((f) => f.dueAt)).toEqual(answeredAt.map((at) => followupDueAt(new Date(at)).toISOString()));
      expect(items.map((f) => f.overdue)).toEqual([true, true, true, true, true, true, false]);
      // The copied scores drive the score filter and sort.
      expect((await store.followups.list('prj_old', { limit: 10, sort: 'score', minScore: 4 })).items.map((f) => f.id)).toEqual(['fu_4', 'fu_5', 'fu_6']);
      // Factors got their answer's survey, time and category (0007): report means find them.
      const { factors } = await store.reports.surveyAggregates('srv_old', { from: new Date(answeredAt[1]!) }, 'week');
      expect(factors).toEqual([{ key: 'support', count: 6, mean: (-2 - 1 + 0 + 1 + 2 + 3) / 6, meanByCategory: { detractor: 0.5, passive: null, promoter: null } }]);
    } finally {
      await store.close();
    }
  });
});
