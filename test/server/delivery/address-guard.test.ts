import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ADDRESS_FORBIDDEN, ForbiddenAddressError, forbiddenRange, guardedLookup, ipLiteralOf, type Resolve } from '../../../server/delivery/address-guard.ts';

describe('forbiddenRange', () => {
  it.each([
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    // IPv6
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'teredo'],
    ['64:ff9b:1::1', 'rfc6052'],
    ['100::1', 'discard'],
    ['::7f00:1', 'nonGlobal'],
    ['4000::1', 'nonGlobal'],
    // IPv6 forms wrapping an IPv4 address are judged by it
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    // not an address in canonical form
    ['localhost', 'invalid'],
    ['127.1', 'invalid'],
    ['', 'invalid'],
  ])('%s is refused as %s', (address, range) => {
    expect(forbiddenRange(address)).toBe(range);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.253.255.255',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(forbiddenRange(address)).toBeNull();
  });
});

describe('ipLiteralOf', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['example.com', null],
    ['localhost', null],
  ])('%s → %s', (hostname, literal) => {
    expect(ipLiteralOf(hostname)).toBe(literal);
  });
});

/** Calls a lookup as Node's `net` would and collects what it calls back with. */
const lookUp = (lookup: LookupFunction, hostname: string, options: LookupOptions) =>
  new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined }>((done) =>
    lookup(hostname, options, (error, address, family) => done({ error, address, family })),
  );

/** A resolver answering from a table: nothing here goes to DNS or connects anywhere. */
const answering = (addresses: LookupAddress[]): Resolve => async () => addresses;

describe('guardedLookup', () => {
  const publicV4 = { address: '93.184.216.34', family: 4 };
  const publicV6 = { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 };

  it('refuses a name resolving to a private address, with a coded error', async () => {
    const { error } = await lookUp(guardedLookup({ allowPrivate: false, resolve: answering([{ address: '10.0.0.5', family: 4 }]) }), 'intranet.example.com', { all: true });
    expect(error).toBeInstanceOf(ForbiddenAddressError);
    expect(error).toMatchObject({ code: ADDRESS_FORBIDDEN, address: '10.0.0.5', range: 'private', message: 'intranet.example.com resolves to 10.0.0.5, in the private range' });
  });

  it('refuses a name when any of its addresses is forbidden', async () => {
    const { error } = await lookUp(guardedLookup({ allowPrivate: false, resolve: answering([publicV4, { address: '169.254.169.254', family: 4 }]) }), 'mixed.example.com', { all: true });
    expect(error).toMatchObject({ code: ADDRESS_FORBIDDEN, address: '169.254.169.254', range: 'linkLocal' });
  });

  it('passes public addresses on, as a list when asked for all and as one address otherwise', async () => {
    const lookup = guardedLookup({ allowPrivate: false, resolve: answering([publicV4, publicV6]) });
    expect(await lookUp(lookup, 'example.com', { all: true })).toEqual({ error: null, address: [publicV4, publicV6], family: undefined });
    expect(await lookUp(lookup, 'example.com', {})).toEqual({ error: null, address: publicV4.address, family: 4 });
  });

  it('passes private addresses on when they are allowed', async () => {
    const lookup = guardedLookup({ allowPrivate: true, resolve: answering([{ address: '10.0.0.5', family: 4 }]) });
    expect(await lookUp(lookup, 'intranet.example.com', { all: true })).toMatchObject({ error: null, address: [{ address: '10.0.0.5', family: 4 }] });
  });

  it("hands the resolver the name and the connection's options", async () => {
    const asked: [string, LookupOptions][] = [];
    const lookup = guardedLookup({ allowPrivate: false, resolve: async (hostname, options) => (asked.push([hostname, options]), [publicV6]) });
    await lookUp(lookup, 'example.com', { family: 6, hints: 0, all: true });
    expect(asked).toEqual([['example.com', { family: 6, hints: 0, all: true }]]);
  });

  it('forwards resolver failures and treats an empty answer as not found', async () => {
    const failing: Resolve = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    };
    expect((await lookUp(guardedLookup({ allowPrivate: false, resolve: failing }), 'nowhere.invalid', { all: true })).error).toMatchObject({ code: 'ENOTFOUND' });
    expect((await lookUp(guardedLookup({ allowPrivate: false, resolve: answering([]) }), 'empty.example.com', { all: true })).error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('uses the system resolver by default: localhost is refused', async () => {
    const { error } = await lookUp(guardedLookup({ allowPrivate: false }), 'localhost', { all: true });
    expect(error).toMatchObject({ code: ADDRESS_FORBIDDEN, range: 'loopback' });
  });
});
