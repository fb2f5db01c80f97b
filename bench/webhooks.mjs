// The webhook side of the ingestion bench: a receiver on loopback, an endpoint on the bench server
// pointing at it, the wait until every event is delivered, and the time from an answer's 201 to
// its event reaching the receiver.
import { createServer } from 'node:http';
import { BENCH_TOKEN } from './server.mjs';

/** The events an answer causes: every delivery the ingestion run makes. */
const ANSWER_EVENTS = ['response.created', 'response.updated', 'followup.created'];

/**
 * A receiver on a free 127.0.0.1 port answering 204 to every request. It counts what arrives and,
 * for `response.created` events, notes when each answer's event arrived (`arrivals`, by response
 * id, `performance.now()`), as a real receiver would look at the body.
 */
export async function startBenchReceiver() {
  let received = 0;
  const arrivals = new Map();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received++;
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (event.type === 'response.created') arrivals.set(event.data.response.id, performance.now());
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    received: () => received,
    arrivals,
    close: () => {
      server.closeAllConnections();
      return new Promise((closed) => server.close(closed));
    },
  };
}

const admin = async (origin, method, path, body) => {
  const res = await fetch(origin + path, {
    method,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

/** Adds one active standard (signed) endpoint to the demo project, for the events an answer causes. */
export async function addEndpoint(origin, url) {
  const { items } = await admin(origin, 'GET', '/api/v1/admin/projects');
  const project = items.find((p) => p.key === 'pk_demo');
  await admin(origin, 'POST', `/api/v1/admin/projects/${project.id}/webhooks`, { url, events: ANSWER_EVENTS });
}

/** What the server's counters say it emitted: each stored answer and each follow-up opened is one event. */
async function eventsEmitted(origin) {
  const res = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  const text = await res.text();
  const counter = (name) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return counter('kizuna_answers_stored_total') + counter('kizuna_followups_opened_total');
}

/**
 * Waits until the receiver has every event the server emitted (or `timeoutMs` passed); resolves
 * with how many were emitted and received, and how long the wait took.
 */
export async function drainDeliveries(origin, receiver, timeoutMs = 300_000) {
  const started = performance.now();
  const emitted = await eventsEmitted(origin);
  while (receiver.received() < emitted && performance.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 100));
  return { emitted, received: receiver.received(), ms: performance.now() - started };
}

const percentile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const spread = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) };
};

let pacedCalls = 0;

/**
 * Sends `count` new answers at `perSecond`, each on its own schedule (not waiting for the one
 * before), as a modest steady load. Resolves with when each got its 201 (`performance.now()`, by
 * response id) and the spread of the times the 201s took.
 */
export async function pacedAnswers(origin, surveyId, { count = 500, perSecond = 50 } = {}) {
  const call = ++pacedCalls;
  const answeredAt = new Map();
  const took = [];
  const sends = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = `paced-${process.pid}-${call}-${i}`;
    const sentAt = performance.now();
    sends.push(
      fetch(`${origin}/api/v1/client/pk_demo/responses`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ id, surveyId, userId: `paced-user-${i}`, score: i % 11, locale: 'ja' }),
      }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`answer ${id}: ${res.status}`);
        const at = performance.now();
        answeredAt.set(id, at);
        took.push(at - sentAt);
      }),
    );
  }
  await Promise.all(sends);
  return { count, perSecond, answeredAt, created: spread(took) };
}

/**
 * For answers sent by `pacedAnswers`, the time from each one's 201 reaching us to its
 * `response.created` reaching `receiver` (waiting up to 30 s for the last). Resolves with p50 /
 * p99 / max in ms and how many never arrived.
 */
export async function deliveryLatency({ answeredAt }, receiver) {
  const deadline = performance.now() + 30_000;
  const arrived = () => [...answeredAt.keys()].filter((id) => receiver.arrivals.has(id)).length;
  while (arrived() < answeredAt.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const latencies = [...answeredAt].filter(([id]) => receiver.arrivals.has(id)).map(([id, at]) => receiver.arrivals.get(id) - at);
  return { ...spread(latencies), missing: answeredAt.size - latencies.length };
}
