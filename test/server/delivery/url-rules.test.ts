import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../../server/delivery/url-rules.ts';

describe('checkWebhookUrl', () => {
  it.each([
    ['https://hooks.example.com/kizuna?team=cs', false],
    ['https://93.184.216.34:8443/hook', false],
    ['https://[2606:4700:4700::1111]/hook', false],
    ['http://hooks.example.com/kizuna', true],
    ['http://10.0.0.5:8080/hook', true],
    ['https://127.0.0.1/hook', true],
  ])('accepts %s (private allowed: %s)', (url, allowPrivate) => {
    const checked = checkWebhookUrl(url, { allowPrivate });
    expect(checked).toEqual({ ok: true, url: new URL(url) });
  });

  it.each([
    ['hooks.example.com/kizuna', false, 'ERR_INVALID_URL', 'must be an absolute URL, like https://example.com/webhooks'],
    ['', true, 'ERR_INVALID_URL', 'must be an absolute URL, like https://example.com/webhooks'],
    ['ftp://hooks.example.com/', true, 'ERR_INVALID_URL', 'must be an http(s) URL, not ftp:'],
    ['javascript:alert(1)', true, 'ERR_INVALID_URL', 'must be an http(s) URL, not javascript:'],
    ['http://hooks.example.com/kizuna', false, 'ERR_INSECURE_URL', 'must use https'],
    ['https://user:pass@hooks.example.com/', false, 'ERR_URL_CREDENTIALS', 'must not contain a user name or password'],
    ['https://token@hooks.example.com/', true, 'ERR_URL_CREDENTIALS', 'must not contain a user name or password'],
    ['https://127.0.0.1/hook', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to 127.0.0.1, an address in the loopback range'],
    // The URL parser reads other spellings of an IPv4 address; the check sees the address they mean.
    ['https://2130706433/hook', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to 127.0.0.1, an address in the loopback range'],
    ['https://0x7f.1/hook', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to 127.0.0.1, an address in the loopback range'],
    ['https://169.254.169.254/latest/meta-data', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to 169.254.169.254, an address in the linkLocal range'],
    ['https://10.0.0.5/', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to 10.0.0.5, an address in the private range'],
    ['https://[::1]/', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to ::1, an address in the loopback range'],
    ['https://[::ffff:192.168.0.1]/', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to ::ffff:c0a8:1, an address in the private range'],
    ['https://[fd00::1]/', false, 'ERR_ADDRESS_FORBIDDEN', 'must not point to fd00::1, an address in the uniqueLocal range'],
  ])('refuses %s (private allowed: %s) with %s', (url, allowPrivate, code, message) => {
    expect(checkWebhookUrl(url, { allowPrivate })).toEqual({ ok: false, problem: { code, message } });
  });
});
