import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCommand, backupSqlite } from '../../server/data/sqlite/backup.ts';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { makeTempDir, newAnswer, seedProject } from './helpers.ts';

/** Reads every batch of an export. */
async function all<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

/** `PRAGMA integrity_check` of a file and the migrations recorded in it, read over a connection of its own. */
function inspect(file: string): { integrity: string; migrations: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      migrations: (db.prepare('SELECT hash FROM __drizzle_migrations ORDER BY id').all() as Array<{ hash: string }>).map((row) => row.hash),
    };
  } finally {
    db.close();
  }
}

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('backupSqlite: SQLite online backup while the server writes', () => {
  let dir: string;
  let dbFile: string;
  let store: Store;
  beforeEach(() => {
    dir = makeTempDir();
    dbFile = join(dir, 'kizuna.sqlite');
    store = openSqliteStore(dbFile);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a valid, migrated database holding a prefix of the answers a writer keeps storing through the store', async () => {
    const { project, survey } = await seedProject(store);
    const base = { projectId: project.id, surveyId: survey.id };
    // The n-th answer: every third one a detractor with a follow-up, each with a touchpoint answer.
    const answer = (n: number) => newAnswer(base, { clientId: `answer_${n}`, userId: `user-${n % 97}`, score: n % 3 === 0 ? 2 : 9, factors: { support: (n % 7) - 3 }, comment: `comment ${n}` });
    await Promise.all(Array.from({ length: 1_000 }, (_, n) => store.responses.record(answer(n))));

    let written = 1_000;
    let stop = false;
    const writer = (async () => {
      while (!stop) await store.responses.record(answer(written++));
    })();
    await until(() => written > 1_050, 'the writer to start');
    mkdirSync(join(dir, 'backups'));
    const target = join(dir, 'backups', 'copy.sqlite');
    const result = await backupSqlite(dbFile, target);
    const writtenAtBackup = written;
    await until(() => written > writtenAtBackup + 50, 'the writer to go on after the backup');
    stop = true;
    await writer;

    expect(result.file).toBe(target);
    expect(result.bytes).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'backups'))).toEqual(['copy.sqlite']);
    expect(inspect(target)).toEqual({ integrity: 'ok', migrations: inspect(dbFile).migrations });

    const copy = openSqliteStore(target);
    try {
      const answers = await all(copy.exports.responses(project.id, {}));
      const followups = await all(copy.exports.followups(project.id, {}));
      // Answers are stored in order, so a consistent copy holds answer_0 … answer_{n-1}, each whole.
      const n = answers.length;
      expect(n).toBeGreaterThan(1_050);
      expect(n).toBeLessThan(written);
      const stored = (i: number) => {
        const { clientId, score, factors, comment } = answer(i);
        return { clientId, score, factors, comment };
      };
      const byId = (a: { clientId: string }, b: { clientId: string }) => a.clientId.localeCompare(b.clientId);
      expect(answers.map(({ clientId, score, factors, comment }) => ({ clientId, score, factors, comment })).sort(byId)).toEqual(Array.from({ length: n }, (_, i) => stored(i)).sort(byId));
      expect(followups.length).toBe(Math.ceil(n / 3));
    } finally {
      await copy.close();
    }
  });

  it('copies a consistent snapshot while another process commits without pause', async () => {
    const { project, survey } = await seedProject(store);
    const base = { projectId: project.id, surveyId: survey.id };
    await Promise.all(Array.from({ length: 2_000 }, (_, i) => store.responses.record(newAnswer(base, { clientId: `seed_${i}`, comment: 'x'.repeat(200) }))));

    // Another server process, in effect: each transaction stores two settings that belong together.
    const script = `
      import Database from 'better-sqlite3';
      const db = new Database(process.env.KZ_DB);
      db.pragma('busy_timeout = 5000');
      const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      const pair = db.transaction((i) => { insert.run('pair-a-' + i, String(i)); insert.run('pair-b-' + i, 'x'.repeat(500)); });
      let i = 0;
      const burst = () => { for (let k = 0; k < 20; k++) pair(i++); setImmediate(burst); };
      burst();`;
    let child: ChildProcess | undefined;
    const reader = new Database(dbFile, { readonly: true });
    const pairs = () => (reader.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'pair-a-%'").get() as { n: number }).n;
    try {
      child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, KZ_DB: dbFile }, stdio: 'inherit' });
      await until(() => pairs() > 200, 'the other process to write');
      const target = join(dir, 'copy.sqlite');
      await backupSqlite(dbFile, target);
      const atBackup = pairs();
      await until(() => pairs() > atBackup + 200, 'the other process to go on writing');

      expect(inspect(target).integrity).toBe('ok');
      const copy = new Database(target, { readonly: true });
      try {
        const keys = new Set((copy.prepare("SELECT key FROM settings WHERE key LIKE 'pair-%'").all() as Array<{ key: string }>).map((row) => row.key));
        const n = [...keys].filter((key) => key.startsWith('pair-a-')).length;
        expect(n).toBeGreaterThan(200);
        // Whole transactions only, and all of them up to one point: nothing torn, nothing skipped.
        expect(keys).toEqual(new Set(Array.from({ length: n }, (_, i) => [`pair-a-${i}`, `pair-b-${i}`]).flat()));
        expect((copy.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n).toBe(2_000);
      } finally {
        copy.close();
      }
    } finally {
      child?.kill();
      reader.close();
    }
  });

  it('refuses to overwrite a file unless asked, to copy onto the database itself, or to copy a database that is not there', async () => {
    const target = join(dir, 'existing.sqlite');
    writeFileSync(target, 'precious');
    await expect(backupSqlite(dbFile, target)).rejects.toThrow(/exists; pass --force/);
    expect(readFileSync(target, 'utf8')).toBe('precious');

    await backupSqlite(dbFile, target, { overwrite: true });
    expect(inspect(target).integrity).toBe('ok');

    for (const self of [dbFile, `${dbFile}-wal`, join(dir, '.', 'kizuna.sqlite')]) {
      await expect(backupSqlite(dbFile, self, { overwrite: true }), self).rejects.toThrow(/is the database itself/);
    }
    expect(inspect(dbFile).integrity).toBe('ok');

    await expect(backupSqlite(dbFile, join(dir, 'no-such-folder', 'out.sqlite'))).rejects.toThrow(/no folder/);
    await expect(backupSqlite(join(dir, 'nothing.sqlite'), join(dir, 'out.sqlite'))).rejects.toThrow(/no database at/);
    expect(existsSync(join(dir, 'nothing.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'out.sqlite'))).toBe(false);
  });
});

describe('npm run db:backup', () => {
  let dir: string;
  let dbFile: string;
  let out: string[];
  let errors: string[];
  const run = (...args: string[]) => backupCommand(args, { dbFile, print: (line) => out.push(line), printError: (line) => errors.push(line) });
  beforeEach(async () => {
    dir = makeTempDir();
    dbFile = join(dir, 'kizuna.sqlite');
    await openSqliteStore(dbFile).close();
    out = [];
    errors = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the copy and says where and how big', async () => {
    expect(await run(join(dir, 'copy.sqlite'))).toBe(0);
    expect(out).toEqual([expect.stringMatching(new RegExp(`^Backed up ${dbFile} to ${join(dir, 'copy.sqlite')} \\(\\d+\\.\\d KB\\)\\.$`))]);
    expect(errors).toEqual([]);
    expect(inspect(join(dir, 'copy.sqlite')).integrity).toBe('ok');
  });

  it('refuses an existing file (exit 1) unless --force, and wrong arguments (exit 2)', async () => {
    const target = join(dir, 'copy.sqlite');
    writeFileSync(target, 'precious');
    expect(await run(target)).toBe(1);
    expect(errors).toEqual([`Backup refused: ${target} exists; pass --force to replace it`]);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(await run(target, '--force')).toBe(0);
    expect(await run('--force', target)).toBe(0);
    expect(inspect(target).integrity).toBe('ok');

    errors = [];
    expect(await run()).toBe(2);
    expect(await run('a.sqlite', 'b.sqlite')).toBe(2);
    expect(await run(target, '--forse')).toBe(2);
    expect(errors).toEqual(['usage: npm run db:backup -- <file> [--force]', 'usage: npm run db:backup -- <file> [--force]', 'unknown option --forse; usage: npm run db:backup -- <file> [--force]']);
  });
});
