import type { ClientEvent } from '../shared/schemas/event.ts';
import type { ResponseInput } from '../shared/schemas/response.ts';
import { nanoid } from 'nanoid';
import { backoffDelay, retryAfterDelay } from './backoff.ts';
import { JSON_TEXT, type Endpoints, type FetchLike } from './endpoints.ts';
import type { Log } from './log.ts';
import type { Outbox, OutboxItem } from './outbox.ts';

/** Gets answers and events to the server eventually, across failures and reloads. */
export interface Transport {
  /** Queues a response; a newer version (same id) replaces one still waiting. */
  sendResponse(response: ResponseInput): void;
  sendEvent(event: ClientEvent): void;
  dispose(): void;
}

export interface TransportOptions {
  endpoints: Pick<Endpoints, 'responses' | 'events'>;
  outbox: Outbox;
  fetch: FetchLike;
  /** `navigator.sendBeacon`, when the browser has it: the last chance to send as the page goes away. */
  sendBeacon?: (url: string, data: Blob) => boolean;
  win: Window;
  log: Log;
  random?: () => number;
}

const EVENTS_PER_BATCH = 50;
// Browsers refuse keepalive bodies past 64 KiB (in flight, all together); bigger ones go without it.
const KEEPALIVE_MAX_BYTES = 60_000;

export function createTransport({ endpoints, outbox, fetch, sendBeacon, win, log, random }: TransportOptions): Transport {
  let sending = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let disposed = false;

  /** Sends the oldest item(s), one request at a time, so the server sees versions in order. */
  function pump(): void {
    if (disposed || sending || retryTimer !== undefined) return;
    const batch = nextBatch(outbox.read());
    if (!batch.length) return;
    const keys = new Set(batch.map((item) => item.key));
    sending = true;
    const { url, body } = toRequest(batch);
    post(url, body).then((retryIn) => {
      sending = false;
      if (retryIn === null) {
        attempt = 0;
        outbox.update((items) => items.filter((item) => !keys.has(item.key)));
        pump();
      } else {
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          pump();
        }, retryIn);
      }
    });
  }

  /** Resolves to null when the request is finished with (delivered, or refused for good), else to the wait before retrying. */
  async function post(url: string, body: string): Promise<number | null> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': JSON_TEXT },
        keepalive: new Blob([body]).size <= KEEPALIVE_MAX_BYTES,
        credentials: 'omit',
      });
    } catch (error) {
      log('send failed, will retry', error);
      return backoffDelay(attempt++, random);
    }
    if (res.ok) return null;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      log(`server refused the item (${res.status}); dropping it`);
      return null;
    }
    const wait = backoffDelay(attempt++, random);
    return Math.max(wait, retryAfterDelay(res.headers.get('Retry-After'), Date.now()) ?? 0);
  }

  /** Everything still queued goes out by beacon; it stays queued too (the server ignores repeats). */
  function flushByBeacon(): void {
    if (!sendBeacon) return;
    try {
      for (let rest = outbox.read(), batch = nextBatch(rest); batch.length; rest = rest.slice(batch.length), batch = nextBatch(rest)) {
        const { url, body } = toRequest(batch);
        sendBeacon(url, new Blob([body], { type: JSON_TEXT }));
      }
    } catch (error) {
      // Runs in the page's own unload; the items are still queued for the next visit.
      log('beacon failed', error);
    }
  }

  function onVisibilityChange(): void {
    if (win.document.visibilityState === 'hidden') flushByBeacon();
  }

  /** The head item: a response alone, or the run of events at the head as one batch. */
  function nextBatch(items: OutboxItem[]): OutboxItem[] {
    const [head] = items;
    if (!head || head.kind === 'response') return items.slice(0, 1);
    const end = items.findIndex((item) => item.kind !== 'event');
    return items.slice(0, Math.min(end < 0 ? items.length : end, EVENTS_PER_BATCH));
  }

  function toRequest(batch: OutboxItem[]): { url: string; body: string } {
    const [head] = batch;
    if (head?.kind === 'response') return { url: endpoints.responses, body: JSON.stringify(head.body) };
    return { url: endpoints.events, body: JSON.stringify({ events: batch.map((item) => item.body) }) };
  }

  win.addEventListener('pagehide', flushByBeacon);
  win.document.addEventListener('visibilitychange', onVisibilityChange);
  // Whatever a previous page left queued goes first.
  pump();

  return {
    sendResponse(response) {
      // A fresh key even when replacing: the copy on the wire, once delivered, removes only itself.
      const item: OutboxItem = { key: nanoid(), kind: 'response', body: response };
      outbox.update((items) => {
        const older = items.findIndex((old) => old.kind === 'response' && old.body.id === response.id);
        return older < 0 ? [...items, item] : items.map((old, i) => (i === older ? item : old));
      });
      pump();
    },
    sendEvent(event) {
      outbox.update((items) => [...items, { key: nanoid(), kind: 'event', body: event }]);
      pump();
    },
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      win.removeEventListener('pagehide', flushByBeacon);
      win.document.removeEventListener('visibilitychange', onVisibilityChange);
    },
  };
}
