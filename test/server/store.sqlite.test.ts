import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import { makeTempDir } from './helpers.ts';
import { runStoreContract } from './store.contract.ts';

const dir = makeTempDir();
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('sqlite', async () => openSqliteStore(join(dir, `store-${++n}.sqlite`)));
