import { existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** What a backup wrote. */
export interface BackupResult {
  /** The absolute path of the copy. */
  file: string;
  bytes: number;
}

/** Why a backup was refused before anything was copied (as opposed to an I/O or SQLite failure). */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

// All of what is left, in one step (better-sqlite3 caps the rate at this).
const ALL_PAGES = 0x7fffffff;

/** The same file, through links and relative paths; false when either does not exist. */
function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Copies the SQLite database `source` to `target` with SQLite's online backup, while servers keep
 * reading and writing it. The copy is consistent: every page comes from one committed state
 * (writes after it are not in the copy). It is written beside `target` under another name and
 * moved into place once complete, so a failed backup leaves no partial file at `target`.
 *
 * Refuses (`BackupRefused`) a `source` that does not exist, a `target` that is the database itself
 * or its `-wal`/`-shm` or whose folder does not exist, and an existing `target` unless `overwrite`.
 */
export async function backupSqlite(source: string, target: string, { overwrite = false }: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const file = resolve(target);
  if (!existsSync(source)) throw new BackupRefused(`no database at ${resolve(source)}`);
  if (['', '-wal', '-shm'].some((suffix) => sameFile(`${source}${suffix}`, file))) throw new BackupRefused(`${file} is the database itself`);
  if (!existsSync(dirname(file))) throw new BackupRefused(`no folder ${dirname(file)}`);
  if (!overwrite && existsSync(file)) throw new BackupRefused(`${file} exists; pass --force to replace it`);

  const partial = join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  // Never creates a database: a wrong KIZUNA_DB must not leave an empty file behind.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Copying every page in a single step reads one snapshot (in WAL mode writers go on meanwhile);
    // in small steps, each write by a server between two steps would restart the copy, and a busy
    // server could keep it from ever finishing.
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    // Asked again: the copy may have taken minutes. A rename works on every filesystem (unlike a hard link).
    if (!overwrite && existsSync(file)) throw new BackupRefused(`${file} appeared during the backup; pass --force to replace it`);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file, bytes: statSync(file).size };
}

const USAGE = 'usage: npm run db:backup -- <file> [--force]';

/** `12345678` → `11.8 MB`. */
function humanSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * `npm run db:backup -- <file> [--force]`: a consistent copy of the database at `dbFile`
 * (`KIZUNA_DB`) in `<file>`, taken while the server runs; prints where it wrote and how big.
 * @returns the process exit code: 0 written, 1 refused, 2 wrong arguments
 */
export async function backupCommand(
  args: readonly string[],
  { dbFile, print, printError }: { dbFile: string; print: (line: string) => void; printError: (line: string) => void },
): Promise<number> {
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  const flag = files.find((arg) => arg.startsWith('-'));
  if (flag !== undefined || files.length !== 1) {
    printError(flag !== undefined ? `unknown option ${flag}; ${USAGE}` : USAGE);
    return 2;
  }
  try {
    const { file, bytes } = await backupSqlite(dbFile, files[0]!, { overwrite: force });
    print(`Backed up ${resolve(dbFile)} to ${file} (${humanSize(bytes)}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    printError(`Backup refused: ${error.message}`);
    return 1;
  }
}
