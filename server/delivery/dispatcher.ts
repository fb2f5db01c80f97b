import { randomUUID } from 'node:crypto';
import type { WebhookEnvelope } from '../../shared/schemas/webhook.ts';
import type { ClaimedDelivery, DeliveryAttempt, DeliveryOutcome, Store } from '../data/store.ts';
import { DEACTIVATE_AFTER_FAILING_MS, nextAttemptAt } from './schedule.ts';
import { sendWebhook, type SendResult } from './send.ts';
import { signWebhook } from './sign.ts';
import { slackMessage } from './slack.ts';

/** Long enough for a 10 s attempt and then some; short enough that a killed process's deliveries go out within a minute of restart. */
export const DELIVERY_LEASE_MS = 60_000;
/** How often a dispatcher looks for due deliveries written by other processes (its own wake it at once). */
export const DELIVERY_POLL_MS = 1_000;
const BATCH = 20;

export interface DispatcherOptions {
  store: Store;
  /** `KIZUNA_WEBHOOK_ALLOW_PRIVATE=1`: allow http and private-network receivers. */
  allowPrivate: boolean;
  /** Sends one mail delivery; without it (no SMTP configured) mail deliveries fail with a clear error. */
  sendMail?: (delivery: ClaimedDelivery) => Promise<DeliveryAttemptResult>;
  pollMs?: number;
  leaseMs?: number;
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
}

/** An attempt's outcome in the dispatcher's terms, whatever the channel. */
export interface DeliveryAttemptResult {
  outcome: SendResult['outcome'];
  attempt: DeliveryAttempt;
  retryAfterMs?: number;
}

export interface Dispatcher {
  /** Look for due deliveries at the next turn of the event loop (after this process wrote some). */
  wake(): void;
  /** Claims and sends one batch; resolves with how many were attempted (for tests and the bench). */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the batch in flight. */
  stop(): Promise<void>;
}

const attemptOf = (result: SendResult, at: Date): DeliveryAttempt => ({
  at,
  statusCode: result.status ?? null,
  error: result.error ?? null,
  durationMs: Math.round(result.durationMs),
  response: result.status === undefined ? null : result.responseExcerpt,
});

/**
 * Sends what the outbox holds: claims due deliveries with a lease (so any number of server
 * processes share them, and a process killed mid-send leaves them to another after the lease),
 * sends each — a Standard Webhooks signed envelope, a Slack message in the project's language, or
 * a mail — and records the attempt and the next one on the retry schedule.
 */
export function startDispatcher({ store, allowPrivate, sendMail, pollMs = DELIVERY_POLL_MS, leaseMs = DELIVERY_LEASE_MS, now = () => new Date(), log = console.error }: DispatcherOptions): Dispatcher {
  const owner = `dispatcher_${randomUUID()}`;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function sendToEndpoint(delivery: ClaimedDelivery): Promise<DeliveryAttemptResult> {
    const at = now();
    const endpoint = await store.webhooks.signing(delivery.target, at);
    if (!endpoint?.active) {
      return { outcome: 'failed', attempt: { at, statusCode: null, error: 'endpoint inactive', durationMs: 0, response: null } };
    }
    // Written only by the typed builders of events.ts, in the event's own transaction: checked
    // once there by the compiler, not again on every attempt.
    const envelope = delivery.envelope as WebhookEnvelope;
    let body: string;
    let headers: Record<string, string>;
    if (endpoint.format === 'slack') {
      const project = await store.projects.get(delivery.projectId);
      body = JSON.stringify(slackMessage(envelope, { language: project?.language ?? 'ja' }));
      headers = { 'content-type': 'application/json' };
    } else {
      body = JSON.stringify(envelope);
      headers = { 'content-type': 'application/json', ...signWebhook({ id: envelope.id, body, secrets: endpoint.secrets, timestamp: at }) };
    }
    const result = await sendWebhook({ url: endpoint.url, body, headers, allowPrivate });
    const attempt = attemptOf(result, at);
    const health = result.outcome === 'delivered' ? 'ok' : result.outcome === 'gone' ? 'gone' : 'failing';
    await store.webhooks.recordHealth(delivery.target, health, attempt, DEACTIVATE_AFTER_FAILING_MS);
    return { outcome: result.outcome, attempt, ...(result.retryAfterMs !== undefined && { retryAfterMs: result.retryAfterMs }) };
  }

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const result =
      delivery.channel === 'webhook'
        ? await sendToEndpoint(delivery)
        : sendMail
          ? await sendMail(delivery)
          : { outcome: 'failed' as const, attempt: { at: now(), statusCode: null, error: 'mail is not configured (KIZUNA_SMTP_URL)', durationMs: 0, response: null } };
    let outcome: DeliveryOutcome;
    if (result.outcome === 'delivered') outcome = { status: 'delivered' };
    else if (result.outcome !== 'retry') outcome = { status: 'failed' };
    else {
      const next = nextAttemptAt({ attemptsMade: delivery.attemptCount + 1, lastAttemptAt: result.attempt.at.getTime(), retryAfterMs: result.retryAfterMs });
      outcome = next === null ? { status: 'failed' } : { status: 'pending', nextAttemptAt: new Date(next) };
    }
    await store.outbox.finish(delivery.id, owner, result.attempt, outcome);
  }

  async function batch(): Promise<number> {
    const claimed = await store.outbox.claim(owner, now(), leaseMs, BATCH);
    await Promise.all(
      claimed.map((delivery) =>
        // One delivery's surprise (a malformed envelope, a store error) must not stop the others;
        // its lease runs out and it is tried again.
        deliver(delivery).catch((error: unknown) => log(`delivery ${delivery.id} failed unexpectedly`, error)),
      ),
    );
    return claimed.length;
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        // A full batch or a wake during it: there may be more due right now.
        for (let n = BATCH; !stopped && (n === BATCH || again); ) {
          again = false;
          n = await batch();
          total += n;
        }
      } catch (error) {
        log('delivery dispatcher failed', error);
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  }

  const timer = setInterval(() => void runOnce(), pollMs);
  timer.unref();

  return {
    // On the next turn of the event loop, not now: the caller is a request that has just
    // committed, and its answer must not wait for the claim query and the sends' set-up.
    wake: () => void setImmediate(runOnce),
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
