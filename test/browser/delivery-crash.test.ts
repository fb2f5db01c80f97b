import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, it } from 'vitest';
import { startReceiver, type ReceivedRequest, type Receiver } from '../server/delivery/receiver.ts';
import { startKizuna, type KizunaProcess } from './servers.ts';

/**
 * The built server as operators run it, killed with `kill -9` while a webhook delivery is on the
 * wire, then started again on the same database file. The lease is set to its smallest allowed
 * value so the test does not sit through the default minute.
 */
const LEASE_SECONDS = 15;

const dir = mkdtempSync(join(tmpdir(), 'kizuna-crash-'));
const env = { KIZUNA_DB: join(dir, 'kizuna.sqlite'), KIZUNA_WEBHOOK_ALLOW_PRIVATE: '1', KIZUNA_DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS) };
const servers: KizunaProcess[] = [];
let receiver: Receiver | undefined;

afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => {});
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<KizunaProcess> {
  const server = await startKizuna(env);
  servers.push(server);
  return server;
}

it('a delivery cut off by kill -9 is sent again after restart with the same webhook-id, once the lease ends; the answer is neither lost nor doubled', async () => {
  // The first request is held open, never answered, as a receiver that is slow while we crash;
  // the ones after are answered 204.
  let arrivals = 0;
  const arrivedAt: number[] = [];
  receiver = await startReceiver((_, response) => {
    arrivedAt.push(Date.now());
    if (++arrivals === 1) return;
    response.statusCode = 204;
    response.end();
  });

  const first = await start();
  const project = ((await first.admin('GET', '/api/v1/admin/projects')).body.items as Array<{ id: string; key: string }>).find((p) => p.key === 'pk_demo')!;
  const created = await first.admin('POST', `/api/v1/admin/projects/${project.id}/webhooks`, { url: receiver.url('/hook'), events: ['response.created', 'response.updated'] });
  expect(created.status).toBe(201);
  const { id: endpointId, secret } = created.body as { id: string; secret: string };

  const state = (await (await fetch(`${first.origin}/api/v1/client/pk_demo/state?userId=crash-user`)).json()) as { surveys: Array<{ id: string }> };
  const surveyId = state.surveys[0]!.id;
  const answer = { id: 'crash-answer-1', surveyId, userId: 'crash-user', score: 9, comment: 'before the crash' };
  const send = (server: KizunaProcess) =>
    fetch(`${server.origin}/api/v1/client/pk_demo/responses`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(answer) });
  expect((await send(first)).status).toBe(201);

  await expect.poll(() => receiver!.requests.length, { timeout: 10_000 }).toBe(1);
  // Killed mid-send: its lease stays in the database until it runs out, and no attempt is recorded.
  servers.splice(servers.indexOf(first), 1);
  await first.kill();

  const second = await start();
  // The widget resends what it has not seen answered; this one was, so the resend is a replay.
  expect((await send(second)).status).toBe(200);

  await expect.poll(() => receiver!.requests.length, { timeout: (LEASE_SECONDS + 15) * 1000, interval: 250 }).toBe(2);
  const [cut, resent] = receiver.requests as [ReceivedRequest, ReceivedRequest];
  // Not before the crashed process's lease ran out (it might have been a live process still
  // sending), and soon after it did.
  const waited = arrivedAt[1]! - arrivedAt[0]!;
  expect(waited).toBeGreaterThanOrEqual((LEASE_SECONDS - 1) * 1000);
  expect(waited).toBeLessThan((LEASE_SECONDS + 5) * 1000);

  const verify = (request: ReceivedRequest) => new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as { id: string; type: string };
  expect(verify(resent)).toEqual(verify(cut));
  expect(resent.headers['webhook-id']).toBe(cut.headers['webhook-id']);
  expect(resent.body).toBe(cut.body);
  expect(verify(resent)).toMatchObject({ type: 'response.created', data: { response: { id: answer.id, score: 9, comment: 'before the crash' } } });

  await expect
    .poll(async () => (await second.admin('GET', `/api/v1/admin/webhooks/${endpointId}/deliveries`)).body.items, { timeout: 5_000 })
    .toEqual([expect.objectContaining({ eventId: verify(cut).id, eventType: 'response.created', status: 'delivered', nextAttemptAt: null, attempts: [expect.objectContaining({ status: 204 })] })]);

  // One answer stored; the replay after the restart emitted no event (it would have gone out at once).
  const report = (await second.admin('GET', `/api/v1/admin/surveys/${surveyId}/report`)).body as { total: number; promoters: number };
  expect(report).toMatchObject({ total: 1, promoters: 1 });
  expect(receiver.requests).toHaveLength(2);
}, 60_000);
