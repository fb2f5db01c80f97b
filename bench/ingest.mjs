// Response ingestion throughput of the built server on loopback, beside the same server's no-op
// route in the same run: the load generator shares our cores, so the ratio is the figure to trust.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer } from './server.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const run = (opts) => autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });

export async function ingestBench() {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-bench-'));
  const { child, origin } = await startServer(join(dir, 'bench.sqlite'));
  try {
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
          // A fresh client id per request: every request is a new stored response (a tenth are
          // detractors' follow-ups too), not the cheap idempotent replay.
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
    await run({ ...responses, duration: 2 }); // warm-up: JIT, SQLite page cache
    const noop = await run({ url: `${origin}/healthz` });
    const ingest = await run(responses);
    const failed = ingest.non2xx + ingest.errors;
    return {
      noop: noop.requests.average,
      ingest: ingest.requests.average,
      ratio: ingest.requests.average / noop.requests.average,
      ingestP99: ingest.latency.p99,
      failed,
      connections: CONNECTIONS,
      seconds: DURATION,
    };
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
