import { statSync } from 'node:fs';
import type { Db } from '../db.ts';
import type { MetaRepository } from '../store.ts';

/** Size of a file in bytes; 0 when it does not exist (no write-ahead log yet, or just checkpointed away). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Readiness and size of the SQLite database. */
export function sqliteMeta(db: Db): MetaRepository {
  const sqlite = db.$client;
  return {
    engine: 'sqlite',
    async ping() {
      // Reads a table the first migration made, so a connection to an empty or foreign file fails too.
      sqlite.prepare('SELECT 1 FROM settings LIMIT 1').get();
    },
    async sizeBytes() {
      // What the operator's disk holds: committed pages not yet checkpointed live in the -wal file.
      if (sqlite.memory) return (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
      return fileSize(sqlite.name) + fileSize(`${sqlite.name}-wal`);
    },
  };
}
