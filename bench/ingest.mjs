// Response ingestion throughput of the built server on loopback, beside the same server's no-op
// route in the same run: the load generator shares our cores, so ratios are the figures to trust.
// Two servers, each on a fresh database: one without webhooks, one with an active endpoint (a
// receiver on loopback) getting every event the answers cause. Their ingestion runs alternate,
// so both see the same machine (other work on it comes and goes), and the webhook server's
// deliveries are all through before the next run; then the time from an answer's 201 to its
// event reaching the receiver, and how long the 201 takes at that modest rate on either server.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuSeconds, startServer, stopServer } from './server.mjs';
import { addEndpoint, deliveryLatency, drainDeliveries, pacedAnswers, startBenchReceiver } from './webhooks.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Ingestion with one webhook endpoint may be at most 10 % lower than without. */
export const WEBHOOK_INGEST_BUDGET = 0.9;

const run = (opts) => autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The built server on a fresh database, with what the ingestion runs need. */
async function benchServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-bench-'));
  const { child, origin } = await startServer(join(dir, 'bench.sqlite'), env);
  const state = await (await fetch(`${origin}/api/v1/client/pk_demo/state?userId=bench`)).json();
  const surveyId = state.surveys[0].id;
  let n = 0;
  const responses = {
    url: origin,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/client/pk_demo/responses',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        // A fresh client id per request: every request is a new stored response (7 in 11 are
        // detractors' and open a follow-up too), not the cheap idempotent replay.
        setupRequest: (req) => {
          n++;
          req.body = JSON.stringify({
            id: `bench-${process.pid}-${n}`,
            surveyId,
            userId: `user-${n % 5000}`,
            score: n % 11,
            factors: { support: (n % 7) - 3, docs: ((n + 3) % 7) - 3 },
            locale: 'ja',
          });
          return req;
        },
      },
    ],
  };
  return {
    origin,
    surveyId,
    cpu: () => cpuSeconds(child.pid),
    warmUp: () => run({ ...responses, duration: 2 }), // JIT, SQLite page cache
    noop: () => run({ url: `${origin}/healthz` }),
    ingest: () => run(responses),
    async stop() {
      await stopServer(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function ingestBench() {
  const receiver = await startBenchReceiver();
  const plain = await benchServer();
  const hooked = await benchServer({ KIZUNA_WEBHOOK_ALLOW_PRIVATE: '1' });
  try {
    await addEndpoint(hooked.origin, receiver.url);
    await plain.warmUp();
    await hooked.warmUp();
    const noop = { plain: (await plain.noop()).requests.average, hooked: (await hooked.noop()).requests.average };
    const runs = { plain: [], hooked: [] };
    const cpuPerAnswer = { plain: [], hooked: [] };
    let drainMs = 0;
    let undelivered = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const which of round % 2 ? ['hooked', 'plain'] : ['plain', 'hooked']) {
        const server = which === 'plain' ? plain : hooked;
        const cpuBefore = server.cpu();
        const result = await server.ingest();
        runs[which].push(result);
        if (which === 'hooked') {
          // Deliveries still queued would take the next run's CPU; their CPU is the run's cost.
          const drained = await drainDeliveries(hooked.origin, receiver);
          drainMs = Math.max(drainMs, drained.ms);
          undelivered = drained.emitted - drained.received;
        }
        if (cpuBefore !== null) cpuPerAnswer[which].push(((server.cpu() - cpuBefore) * 1000) / result['2xx']);
      }
    }
    const paced = { plain: await pacedAnswers(plain.origin, plain.surveyId), hooked: await pacedAnswers(hooked.origin, hooked.surveyId) };
    const latency = { ...(await deliveryLatency(paced.hooked, receiver)), count: paced.hooked.count, perSecond: paced.hooked.perSecond };
    const figures = (which) => {
      const ingest = median(runs[which].map((r) => r.requests.average));
      return {
        noop: noop[which],
        ingest,
        ratio: ingest / noop[which],
        ingestP99: median(runs[which].map((r) => r.latency.p99)),
        // Server CPU per stored answer: with the webhook, the deliveries' share included.
        cpuMsPerAnswer: cpuPerAnswer[which].length ? median(cpuPerAnswer[which]) : null,
        created: paced[which].created,
      };
    };
    return {
      ...figures('plain'),
      withWebhook: { ...figures('hooked'), drainMs, undelivered, latency },
      // Each round's pair ran back to back: their quotient is the least disturbed by other load.
      webhookShare: median(runs.hooked.map((r, i) => r.requests.average / runs.plain[i].requests.average)),
      failed: [...runs.plain, ...runs.hooked].reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      connections: CONNECTIONS,
      seconds: DURATION,
      rounds: ROUNDS,
    };
  } finally {
    await Promise.all([plain.stop(), hooked.stop()]);
    await receiver.close();
  }
}

/** Prints the figures; false (after saying why) when requests failed, deliveries went missing or the webhook budget is exceeded. */
export function printIngestBench(ingest) {
  const perSecond = (n) => Math.round(n).toLocaleString('en');
  const ms = (n) => `${n.toFixed(1)} ms`;
  console.log(`\nIngestion on loopback (autocannon, ${ingest.connections} connections, ${ingest.seconds} s each; median of ${ingest.rounds} runs, alternating):`);
  console.log(`  GET /healthz (no-op)          ${perSecond(ingest.noop)} req/s`);
  console.log(`  POST responses (stored)       ${perSecond(ingest.ingest)} responses/s   p99 ${ingest.ingestP99} ms`);
  console.log(`  ratio ingest / no-op          ${ingest.ratio.toFixed(2)}`);
  const cpu = (figures) => (figures.cpuMsPerAnswer === null ? 'n/a (no /proc)' : `${figures.cpuMsPerAnswer.toFixed(2)} ms`);
  const created = (figures) => `p50 ${ms(figures.created.p50)}   p99 ${ms(figures.created.p99)}`;
  console.log(`  server CPU per stored answer  ${cpu(ingest)}`);
  console.log(`  201 at 50 answers/s           ${created(ingest)}`);
  const hooked = ingest.withWebhook;
  console.log('With one active webhook endpoint (signed, every event an answer causes, receiver on loopback answering 204):');
  console.log(`  GET /healthz (no-op)          ${perSecond(hooked.noop)} req/s`);
  console.log(`  POST responses (stored)       ${perSecond(hooked.ingest)} responses/s   p99 ${hooked.ingestP99} ms`);
  console.log(`  ratio ingest / no-op          ${hooked.ratio.toFixed(2)}`);
  console.log(`  ingestion with / without      ${ingest.webhookShare.toFixed(2)}   (budget ≥ ${WEBHOOK_INGEST_BUDGET.toFixed(2)})`);
  console.log(`  server CPU per stored answer  ${cpu(hooked)} (its deliveries included)`);
  console.log(`  201 at 50 answers/s           ${created(hooked)}`);
  console.log(`  deliveries all received       ${(hooked.drainMs / 1000).toFixed(1)} s after a run at most${hooked.undelivered ? `, ${hooked.undelivered} missing` : ''}`);
  const { latency } = hooked;
  console.log(`Event to delivery on loopback (${latency.count} answers at ${latency.perSecond}/s, from the 201 to the receiver):`);
  console.log(`  p50 ${ms(latency.p50)}   p99 ${ms(latency.p99)}   max ${ms(latency.max)}${latency.missing ? `   ${latency.missing} never arrived` : ''}`);
  const problems = [];
  if (ingest.failed > 0) problems.push(`${ingest.failed} ingestion requests failed`);
  if (hooked.undelivered > 0 || latency.missing > 0) problems.push(`webhook deliveries missing: ${hooked.undelivered} after the runs, ${latency.missing} of the latency run`);
  if (ingest.webhookShare < WEBHOOK_INGEST_BUDGET) problems.push(`ingestion with a webhook endpoint: ${ingest.webhookShare.toFixed(2)} of without < ${WEBHOOK_INGEST_BUDGET.toFixed(2)}`);
  if (problems.length === 0) return true;
  console.error(`\nIngestion:\n  ${problems.join('\n  ')}`);
  return false;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!printIngestBench(await ingestBench())) process.exitCode = 1;
}
