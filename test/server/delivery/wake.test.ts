import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/data/sqlite/index.ts';
import type { Store } from '../../../server/data/store.ts';
import { startDispatcher } from '../../../server/delivery/dispatcher.ts';
import { answerEvents } from '../../../server/delivery/events.ts';
import { makeTempDir, newAnswer, seedProject } from '../helpers.ts';
import { startReceiver, type Receiver } from './receiver.ts';

let dir: string;
let store: Store;
let receiver: Receiver;

afterEach(async () => {
  await receiver?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('wake() leaves the claim and the sends to the next turn of the event loop, so the request that woke it answers first', async () => {
  dir = makeTempDir();
  store = openSqliteStore(join(dir, 'kizuna.sqlite'));
  receiver = await startReceiver();
  const { project, survey } = await seedProject(store);
  await store.webhooks.create(project.id, { url: receiver.url(), events: ['response.created'], format: 'standard', description: null, active: true, secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }, new Date());
  await store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: 'c_wake_1', userId: 'u_1', score: 9 }), answerEvents(survey, 'https://kizuna.example.com'));

  // Counts claims on the real store: SQLite answers synchronously, so a claim made inside wake()
  // would hold up the caller (the ingestion route, before its 201).
  let claims = 0;
  const outbox = store.outbox;
  const counted: Store = { ...store, outbox: { ...outbox, claim: (...args) => (claims++, outbox.claim(...args)) } };
  const dispatcher = startDispatcher({ store: counted, allowPrivate: true, pollMs: 3_600_000, log: () => {} });
  try {
    dispatcher.wake();
    expect(claims).toBe(0);
    await new Promise((turn) => setImmediate(turn));
    expect(claims).toBe(1);
    await expect.poll(() => receiver.requests.length).toBe(1);
  } finally {
    await dispatcher.stop();
  }
});
