// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResponseInput } from '../../shared/schemas/response.ts';
import { clientEndpoints } from '../../widget/endpoints.ts';
import { openOutbox } from '../../widget/outbox.ts';
import { createStore, type KeyValueStore } from '../../widget/storage.ts';
import { createTransport, type Transport } from '../../widget/transport.ts';
import { fakeNetwork } from './fixtures.ts';

const endpoints = clientEndpoints('https://kizuna.example/', 'pk_test');
const OUTBOX_KEY = 'kizuna:v1:outbox:pk_test';
const response = (extra: Partial<ResponseInput> = {}): ResponseInput => ({
  id: 'resp_0123456789abcdef',
  surveyId: 'srv_1',
  userId: 'u1',
  score: 8,
  ...extra,
});
const event = (id: string) => ({ id, type: 'survey_shown' as const, surveyId: 'srv_1', userId: 'u1', at: 1 });

let transports: Transport[] = [];
function start(store: KeyValueStore, network: ReturnType<typeof fakeNetwork>, sendBeacon?: (url: string, data: Blob) => boolean) {
  const transport = createTransport({
    endpoints,
    outbox: openOutbox(store, 'pk_test'),
    fetch: network.fetch,
    sendBeacon,
    win: window,
    log: () => {},
    random: () => 0,
  });
  transports.push(transport);
  return transport;
}

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => {
  for (const t of transports) t.dispose();
  transports = [];
  vi.useRealTimers();
});

describe('sending', () => {
  it('posts JSON as text/plain, keepalive, without credentials', async () => {
    const network = fakeNetwork();
    start(createStore(() => localStorage), network).sendResponse(response());
    await vi.advanceTimersByTimeAsync(0);
    expect(network.sent).toHaveLength(1);
    const { url, init, body } = network.sent[0]!;
    expect(url).toBe('https://kizuna.example/api/v1/client/pk_test/responses');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(new Headers(init.headers).get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(body).toEqual(response());
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('sends in order, one request at a time, and batches the events waiting together', async () => {
    let release: (() => void) | undefined;
    const network = fakeNetwork((url) => (url.endsWith('/responses') && !release ? new Promise((r) => (release = () => r(new Response('{}')))) : 200));
    const transport = start(createStore(() => localStorage), network);
    transport.sendResponse(response());
    transport.sendEvent(event('evt_aaaaaaaaaaaaaaaa'));
    transport.sendEvent(event('evt_bbbbbbbbbbbbbbbb'));
    await vi.advanceTimersByTimeAsync(0);
    expect(network.sent).toHaveLength(1);
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(network.sent.map((s) => s.url.split('/').pop())).toEqual(['responses', 'events']);
    expect(network.sent[1]!.body).toEqual({ events: [event('evt_aaaaaaaaaaaaaaaa'), event('evt_bbbbbbbbbbbbbbbb')] });
  });
});

describe('outbox', () => {
  it('survives a reload: a new transport on the same storage sends what was pending', async () => {
    const offline = fakeNetwork(() => new TypeError('Failed to fetch'));
    const first = start(createStore(() => localStorage), offline);
    first.sendResponse(response({ comment: 'slow' }));
    await vi.advanceTimersByTimeAsync(0);
    first.dispose();
    expect(localStorage.getItem(OUTBOX_KEY)).not.toBeNull();

    const online = fakeNetwork();
    start(createStore(() => localStorage), online);
    await vi.advanceTimersByTimeAsync(0);
    expect(online.sent.map((s) => s.body)).toEqual([response({ comment: 'slow' })]);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('ignores a corrupt or foreign stored value', async () => {
    for (const value of ['{not json', '{"items":[]}', '[{"key":1},{"kind":"response","key":"k","body":{"id":"x"}},null]', '"text"']) {
      localStorage.setItem(OUTBOX_KEY, value);
      const network = fakeNetwork();
      const transport = start(createStore(() => localStorage), network);
      await vi.advanceTimersByTimeAsync(0);
      expect(network.sent).toEqual([]);
      transport.sendResponse(response());
      await vi.advanceTimersByTimeAsync(0);
      expect(network.sent.map((s) => s.body)).toEqual([response()]);
      transport.dispose();
    }
  });

  it('keeps working in memory when localStorage throws', async () => {
    const throwing = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    for (const getStorage of [() => throwing, (): Storage => { throw new DOMException('denied', 'SecurityError'); }]) {
      let fail = true;
      const network = fakeNetwork(() => (fail ? 503 : 200));
      const transport = start(createStore(getStorage), network);
      expect(() => transport.sendResponse(response())).not.toThrow();
      await vi.advanceTimersByTimeAsync(0);
      fail = false;
      await vi.advanceTimersByTimeAsync(2_000);
      expect(network.sent.map((s) => s.body)).toEqual([response(), response()]);
      transport.dispose();
    }
  });
});

describe('retries', () => {
  it.each([
    ['500', () => 500],
    ['503', () => 503],
    ['408', () => 408],
    ['a network failure', () => new TypeError('Failed to fetch')],
  ])('retries after %s with exponential backoff', async (_, failure) => {
    let failures = 3;
    const network = fakeNetwork(() => (failures-- > 0 ? failure() : 200));
    start(createStore(() => localStorage), network).sendResponse(response());
    await vi.advanceTimersByTimeAsync(0);
    expect(network.sent).toHaveLength(1);
    // random() = 0: waits of 1 s, 2 s, 4 s.
    await vi.advanceTimersByTimeAsync(999);
    expect(network.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(network.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(network.sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(network.sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(network.sent).toHaveLength(4);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(network.sent).toHaveLength(4);
  });

  it.each([
    ['seconds', () => '30'],
    ['an HTTP date', () => new Date(Date.now() + 30_000).toUTCString()],
  ])('honours Retry-After given in %s', async (_, retryAfter) => {
    let first = true;
    const network = fakeNetwork(() => {
      if (!first) return 200;
      first = false;
      return new Response('{}', { status: 429, headers: { 'Retry-After': retryAfter() } });
    });
    start(createStore(() => localStorage), network).sendResponse(response());
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(network.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(network.sent).toHaveLength(2);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('drops an item the server refuses with 400 and goes on with the next', async () => {
    const network = fakeNetwork((url) => (url.endsWith('/responses') ? 400 : 200));
    const transport = start(createStore(() => localStorage), network);
    transport.sendResponse(response());
    transport.sendEvent(event('evt_aaaaaaaaaaaaaaaa'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(network.sent.map((s) => s.url.split('/').pop())).toEqual(['responses', 'events']);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });
});

describe('versions of one response', () => {
  it('replaces a queued older version that is waiting', async () => {
    let fail = true;
    const network = fakeNetwork(() => (fail ? 500 : 200));
    const transport = start(createStore(() => localStorage), network);
    transport.sendResponse(response());
    await vi.advanceTimersByTimeAsync(0);
    transport.sendResponse(response({ factors: { docs: 2 } }));
    transport.sendResponse(response({ factors: { docs: 2 }, comment: 'ok' }));
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(network.sent.map((s) => s.body)).toEqual([response(), response({ factors: { docs: 2 }, comment: 'ok' })]);
  });

  it('sends the newest version after the one in flight, skipping those in between', async () => {
    let release: (() => void) | undefined;
    const network = fakeNetwork(() => (release ? 200 : new Promise((r) => (release = () => r(new Response('{}'))))));
    const transport = start(createStore(() => localStorage), network);
    transport.sendResponse(response());
    transport.sendResponse(response({ comment: 'v2' }));
    transport.sendResponse(response({ comment: 'v3' }));
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(network.sent.map((s) => s.body)).toEqual([response(), response({ comment: 'v3' })]);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });
});

describe('leaving the page', () => {
  const readBlob = (blob: Blob) =>
    new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blob);
    });

  it('flushes what is pending by beacon on pagehide and on hidden, keeping it queued', async () => {
    const beacons: Array<{ url: string; data: Blob }> = [];
    const sendBeacon = (url: string, data: Blob) => beacons.push({ url, data }) > 0;
    const transport = start(createStore(() => localStorage), fakeNetwork(() => 503), sendBeacon);
    transport.sendResponse(response());
    transport.sendEvent(event('evt_aaaaaaaaaaaaaaaa'));
    window.dispatchEvent(new Event('pagehide'));
    expect(JSON.parse(localStorage.getItem(OUTBOX_KEY)!)).toHaveLength(2);

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    delete (document as { visibilityState?: unknown }).visibilityState;
    expect(beacons).toHaveLength(4);

    transport.dispose();
    window.dispatchEvent(new Event('pagehide'));
    expect(beacons).toHaveLength(4);

    vi.useRealTimers();
    const sent = await Promise.all(beacons.slice(0, 2).map(async ({ url, data }) => ({ url, type: data.type, body: JSON.parse(await readBlob(data)) })));
    expect(sent).toEqual([
      { url: endpoints.responses, type: 'text/plain;charset=utf-8', body: response() },
      { url: endpoints.events, type: 'text/plain;charset=utf-8', body: { events: [event('evt_aaaaaaaaaaaaaaaa')] } },
    ]);
  });
});
