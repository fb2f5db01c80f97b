import { readConfig } from '../config.ts';
import { backupCommand } from '../data/sqlite/backup.ts';

// `npm run db:backup -- <file> [--force]`: SQLite's online backup of KIZUNA_DB, safe while the server runs.
process.exitCode = await backupCommand(process.argv.slice(2), {
  dbFile: readConfig(process.env).dbFile,
  print: (line) => console.log(line),
  printError: (line) => console.error(line),
});
