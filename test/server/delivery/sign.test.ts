import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../../server/delivery/secrets.ts';
import { signWebhook } from '../../../server/delivery/sign.ts';

describe('newWebhookSecret', () => {
  it('is whsec_ + base64 of 32 random bytes, new every time', () => {
    const secrets = Array.from({ length: 20 }, newWebhookSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe('signWebhook', () => {
  const body = '{"id":"evt_1","type":"webhook.test","data":{"note":"絆"}}';
  const timestamp = new Date('2026-12-06T03:04:05.678Z');

  it('computes v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")) over the decoded secret', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook({ id: 'evt_1', body, secrets: [secret], timestamp });
    // Computed here from the spec, independently of the package doing the signing.
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`evt_1.1796526245.${body}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'evt_1', 'webhook-timestamp': '1796526245', 'webhook-signature': `v1,${expected}` });
  });

  it('gives one signature per secret, space-separated, each verifying on its own', () => {
    const secrets = [newWebhookSecret(), newWebhookSecret()];
    const headers = signWebhook({ id: 'evt_2', body, secrets });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of secrets) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs the current time by default and refuses to sign with no secret', () => {
    const before = Math.floor(Date.now() / 1000);
    const stamp = Number(signWebhook({ id: 'evt_3', body, secrets: [newWebhookSecret()] })['webhook-timestamp']);
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(() => signWebhook({ id: 'evt_3', body, secrets: [] })).toThrow(/no secret/);
  });
});
