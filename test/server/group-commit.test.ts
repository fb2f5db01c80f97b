import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/data/db.ts';
import { groupCommit } from '../../server/data/sqlite/group-commit.ts';
import { makeTempDir } from './helpers.ts';

describe('groupCommit', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function open() {
    dir = makeTempDir();
    const file = join(dir, 'g.sqlite');
    db = openDb(file);
    db.$client.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    const insert = db.$client.prepare('INSERT INTO t (v) VALUES (?)');
    const reader = new Database(file, { readonly: true });
    return { insert, count: () => (reader.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, reader };
  }

  it('shares one transaction between writes of the same turn and answers each only once committed', async () => {
    const { insert, count, reader } = open();
    const write = groupCommit(db);
    const seenByOthers: number[] = [];
    const writes = Array.from({ length: 50 }, (_, i) =>
      write(() => insert.run(`v${i}`).lastInsertRowid).then((id) => {
        // When any writer is told "stored", another connection already sees all 50 rows:
        // they were committed together, and only then answered.
        seenByOthers.push(count());
        return id;
      }),
    );
    // Nothing is written until the turn ends: the 50 writes are one batch.
    expect(count()).toBe(0);
    const ids = await Promise.all(writes);
    expect(new Set(ids).size).toBe(50);
    expect(seenByOthers).toEqual(Array(50).fill(50));
    reader.close();
  });

  it('isolates a failing write: the others of its batch are stored, it alone is rejected', async () => {
    const { insert, count, reader } = open();
    const write = groupCommit(db);
    const results = await Promise.allSettled([
      write(() => insert.run('a')),
      write(() => insert.run('a')), // UNIQUE violation
      write(() => insert.run('b')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(count()).toBe(2);
    reader.close();
  });

  it('rolls back the write that failed half-way, keeping none of its statements', async () => {
    const { insert, count, reader } = open();
    const write = groupCommit(db);
    const half = write(() => {
      insert.run('first-of-two');
      throw new Error('second statement failed');
    });
    await expect(half).rejects.toThrow('second statement failed');
    await write(() => insert.run('later'));
    expect(count()).toBe(1);
    reader.close();
  });
});
