import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../data/store.ts';

/** One app's Prometheus metrics, each app with its own (tests run many apps in one process). */
export interface AppMetrics {
  /** `http_requests_total{method,route,status}`; `route` is the matched pattern (see request-metrics.ts). */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  /** `http_request_duration_seconds{method,route}`: until the response's headers are ready (a streamed CSV's body is not timed). */
  httpDuration: Histogram<'method' | 'route'>;
  /** `kizuna_answers_stored_total`: answers stored for the first time (re-sends and completions are not counted). */
  answersStored: Counter;
  /** `kizuna_followups_opened_total`: follow-ups opened by detractors' answers. */
  followupsOpened: Counter;
  /** The Prometheus text exposition of this app's metrics and the process's. */
  scrape(): Promise<string>;
  /** Content-Type of what `scrape` returns. */
  contentType: string;
}

/** The counters the client API moves as answers arrive. */
export type IngestCounters = Pick<AppMetrics, 'answersStored' | 'followupsOpened'>;

let processMetrics: Registry | undefined;

/**
 * Node's own metrics (event-loop lag, heap, GC, CPU, open handles…), registered once per process
 * on a registry of their own: they describe the process, not an app, and each registration adds
 * event-loop and GC observers that would pile up with every app a test makes.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** The metrics of an app over `store`; the database size is read from the store at each scrape. */
export function createMetrics(store: Store): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, matched route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request (until its headers), by method and matched route pattern.',
    labelNames: ['method', 'route'] as const,
    registers,
  });
  const answersStored = new Counter({ name: 'kizuna_answers_stored_total', help: 'Survey answers stored (new answers only, not re-sends).', registers });
  const followupsOpened = new Counter({ name: 'kizuna_followups_opened_total', help: 'Follow-ups opened for detractors.', registers });
  new Gauge({
    name: 'kizuna_database_size_bytes',
    help: `Bytes the ${store.meta.engine} database takes on disk (for SQLite, the file and its write-ahead log).`,
    registers,
    async collect() {
      this.set(await store.meta.sizeBytes());
    },
  });
  const all = Registry.merge([processRegistry(), registry]);
  return { httpRequests, httpDuration, answersStored, followupsOpened, scrape: () => all.metrics(), contentType: all.contentType };
}
