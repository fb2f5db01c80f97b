import { adminTokenCommand } from '../auth/admin-token.ts';
import { readConfig } from '../config.ts';
import { openSqliteStore } from '../data/sqlite/index.ts';

// `npm run admin-token [-- --rotate]`: from the machine that holds the database, never over HTTP.
const config = readConfig(process.env);
const store = openSqliteStore(config.dbFile);
try {
  process.exitCode = await adminTokenCommand(process.argv.slice(2), {
    settings: store.settings,
    fromEnvironment: config.adminToken !== undefined,
    print: (line) => console.log(line),
  });
} finally {
  await store.close();
}
