import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import { runArchiveDeleteContract } from './archive-delete.contract.ts';
import { runConsoleAccountsContract } from './console-accounts.contract.ts';
import { runCustomersContract } from './customers.contract.ts';
import { makeTempDir } from './helpers.ts';
import { runLoginFailuresContract } from './login-failures.contract.ts';
import { runMetaContract } from './meta.contract.ts';
import { runMailPreferencesContract } from './mail-preferences.contract.ts';
import { runOutboxContract } from './outbox.contract.ts';
import { runStoreContract } from './store.contract.ts';

const dir = makeTempDir();
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runArchiveDeleteContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runConsoleAccountsContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runMetaContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runLoginFailuresContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runCustomersContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runMailPreferencesContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
runOutboxContract('sqlite', async () => {
  // Two connections to one file, as two server processes would have.
  const file = join(dir, `store-${++n}.sqlite`);
  return [openSqliteStore(file), openSqliteStore(file)];
});
