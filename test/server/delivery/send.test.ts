import type { IncomingHttpHeaders } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { ADDRESS_FORBIDDEN, type Resolve } from '../../../server/delivery/address-guard.ts';
import { newWebhookSecret } from '../../../server/delivery/secrets.ts';
import { RESPONSE_EXCERPT_BYTES, sendWebhook } from '../../../server/delivery/send.ts';
import { signWebhook } from '../../../server/delivery/sign.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});
const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
};

const body = JSON.stringify({ id: 'evt_1', type: 'webhook.test', createdAt: '2026-12-06T03:00:00.000Z', projectId: 'prj_1', data: { note: '絆 ✓' } });
const asHeaders = (headers: IncomingHttpHeaders) => headers as Record<string, string>;

/** Sends `body` signed with `secrets` to `url`, private addresses allowed (the receivers are on loopback). */
const send = (url: string, secrets = [newWebhookSecret()], extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook({ url, body, headers: { ...signWebhook({ id: 'evt_1', body, secrets }) }, allowPrivate: true, ...extra });

describe('sendWebhook: what a Standard Webhooks receiver gets', () => {
  it('POSTs the body byte for byte with headers that standardwebhooks verify accepts', async () => {
    const secret = newWebhookSecret();
    // The receiver verifies as a real one would, and refuses what does not verify.
    const hook = await receiver((request, response) => {
      try {
        new Webhook(secret).verify(request.body, asHeaders(request.headers));
        response.end('ok');
      } catch (error) {
        response.writeHead(401).end(String(error));
      }
    });
    const result = await send(hook.url('/hooks/kizuna?x=1'), [secret]);
    expect(result).toMatchObject({ outcome: 'delivered', status: 200, responseExcerpt: 'ok' });
    const [request] = hook.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/kizuna?x=1', body });
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'evt_1' });
    expect(new Webhook(secret).verify(request!.body, asHeaders(request!.headers))).toEqual(JSON.parse(body));
    // A receiver holding another secret refuses it.
    expect(() => new Webhook(newWebhookSecret()).verify(request!.body, asHeaders(request!.headers))).toThrow(/signature/);
  });

  it('signs with both secrets during a rotation: a receiver knowing either one verifies', async () => {
    const [current, retired] = [newWebhookSecret(), newWebhookSecret()];
    const hook = await receiver();
    expect((await send(hook.url(), [current, retired])).outcome).toBe('delivered');
    const [request] = hook.requests;
    expect(request!.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    for (const secret of [current, retired]) expect(new Webhook(secret).verify(request!.body, asHeaders(request!.headers))).toEqual(JSON.parse(body));
  });
});

describe('sendWebhook: outcomes', () => {
  it('a 500 is retried, with the start of the answer kept', async () => {
    const hook = await receiver((_, response) => response.writeHead(500).end('database down'));
    const result = await send(hook.url());
    expect(result).toMatchObject({ outcome: 'retry', status: 500, responseExcerpt: 'database down' });
    expect(result.retryAfterMs).toBeUndefined();
  });

  it("a 503 with Retry-After: 7 is retried and says so in ms", async () => {
    const hook = await receiver((_, response) => response.writeHead(503, { 'retry-after': '7' }).end());
    expect(await send(hook.url())).toMatchObject({ outcome: 'retry', status: 503, retryAfterMs: 7000 });
  });

  it('a 410 is gone', async () => {
    const hook = await receiver((_, response) => response.writeHead(410).end());
    expect(await send(hook.url())).toMatchObject({ outcome: 'gone', status: 410 });
  });

  it('a 302 is a failure to retry, and the redirect target is never asked', async () => {
    const target = await receiver();
    const hook = await receiver((_, response) => response.writeHead(302, { location: target.url('/elsewhere') }).end());
    expect(await send(hook.url())).toMatchObject({ outcome: 'retry', status: 302 });
    expect(target.connections()).toBe(0);
  });

  it('a receiver that never answers is retried once the timeout has passed', async () => {
    const hook = await receiver(() => {});
    const result = await send(hook.url(), undefined, { timeoutMs: 300 });
    expect(result).toMatchObject({ outcome: 'retry', errorCode: 'ETIMEDOUT', error: 'no answer within 300 ms' });
    expect(result.status).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(3000);
  });

  it('an answer whose body stalls keeps its status and what arrived before the timeout', async () => {
    const hook = await receiver((_, response) => {
      response.writeHead(202);
      response.write('accepted, thinking…');
    });
    const result = await send(hook.url(), undefined, { timeoutMs: 300 });
    expect(result).toMatchObject({ outcome: 'delivered', status: 202, responseExcerpt: 'accepted, thinking…' });
  });

  it('a refused connection is retried', async () => {
    const closed = await receiver();
    const url = closed.url();
    await closed.close();
    expect(await send(url)).toMatchObject({ outcome: 'retry', errorCode: 'ECONNREFUSED', responseExcerpt: '' });
  });

  it('a header value no HTTP message may carry fails without connecting, and does not throw', async () => {
    const hook = await receiver();
    const result = await sendWebhook({ url: hook.url(), body, headers: { 'x-note': 'line\nbreak' }, allowPrivate: true });
    expect(result).toMatchObject({ outcome: 'failed', errorCode: 'ERR_INVALID_CHAR' });
    expect(hook.connections()).toBe(0);
  });

  it('reads no more than about 1 KB of an endless answer and keeps 1 KB of it', async () => {
    let sent = 0;
    const hook = await receiver((_, response) => {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pour = () => {
        while (!response.destroyed && sent < 512 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pour);
        }
      };
      response.writeHead(500);
      pour();
    });
    const result = await send(hook.url());
    expect(result).toMatchObject({ outcome: 'retry', status: 500, responseExcerpt: 'x'.repeat(RESPONSE_EXCERPT_BYTES) });
    // The connection was dropped long before the receiver ran out of things to say.
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('cuts the excerpt at 1 KB without splitting a character', async () => {
    const hook = await receiver((_, response) => response.writeHead(400).end('あ'.repeat(1000)));
    const { responseExcerpt } = await send(hook.url());
    // 341 three-byte characters fit in 1024 bytes; the half of the 342nd is dropped, not mangled.
    expect(responseExcerpt).toBe('あ'.repeat(341));
  });
});

describe('sendWebhook: SSRF guard (private addresses not allowed)', () => {
  const refused = { outcome: 'failed', errorCode: ADDRESS_FORBIDDEN, responseExcerpt: '' };
  const strict = { allowPrivate: false };

  it.each([
    ['an IPv4 loopback literal', (port: number) => `https://127.0.0.1:${port}/`, /^must not point to 127\.0\.0\.1, an address in the loopback range$/],
    ['an IPv4-mapped IPv6 loopback literal', (port: number) => `https://[::ffff:127.0.0.1]:${port}/`, /^must not point to ::ffff:7f00:1, an address in the loopback range$/],
    // Node does not call `lookup` for literals: this one is the guarded lookup's refusal.
    ['localhost, resolved when connecting', (port: number) => `https://localhost:${port}/`, /^localhost resolves to (127\.0\.0\.1|::1), in the loopback range$/],
  ])('refuses %s before connecting', async (_case, url, error) => {
    const hook = await receiver();
    expect(await send(url(hook.port), undefined, strict)).toMatchObject({ ...refused, error: expect.stringMatching(error) });
    expect(hook.connections()).toBe(0);
  });

  it('refuses the cloud metadata address', async () => {
    expect(await send('https://169.254.169.254/latest', undefined, strict)).toMatchObject({ ...refused, error: expect.stringContaining('linkLocal') });
  });

  it('refuses plain http', async () => {
    const hook = await receiver();
    expect(await send(`http://localhost:${hook.port}/`, undefined, strict)).toMatchObject({ outcome: 'failed', errorCode: 'ERR_INSECURE_URL' });
    expect(hook.connections()).toBe(0);
  });

  it('judges a name by the address it resolves to when connecting', async () => {
    const hook = await receiver();
    // A name that looked harmless when saved but now resolves to loopback (DNS rebinding).
    const rebound: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const result = await send(`https://hooks.example.com:${hook.port}/`, undefined, { ...strict, resolve: rebound });
    expect(result).toMatchObject({ ...refused, error: 'hooks.example.com resolves to 127.0.0.1, in the loopback range' });
    expect(hook.connections()).toBe(0);
  });

  it('with private addresses allowed, delivers to the loopback receiver, by address or by name', async () => {
    const hook = await receiver();
    const toLoopback: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(await send(hook.url(), undefined, { allowPrivate: true })).toMatchObject({ outcome: 'delivered' });
    expect(await send(`http://hooks.example.com:${hook.port}/`, undefined, { allowPrivate: true, resolve: toLoopback })).toMatchObject({ outcome: 'delivered' });
    expect(hook.requests.map((request) => request.headers.host)).toEqual([`127.0.0.1:${hook.port}`, `hooks.example.com:${hook.port}`]);
  });
});
