import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The `code` of the error a refused address raises, and of the delivery outcome it leads to. */
export const ADDRESS_FORBIDDEN = 'ERR_ADDRESS_FORBIDDEN';

/** IANA's global unicast block: every IPv6 address outside it is special-purpose or unassigned. */
const IPV6_GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
/** RFC 6052 well-known NAT64 prefix: the last 32 bits are the IPv4 address reached through it. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * The IPv4 address an IPv6 address stands for, when its form says so: IPv4-mapped
 * (`::ffff:a.b.c.d`), IPv4-translated (`::ffff:0:a.b.c.d`), well-known NAT64 (`64:ff9b::a.b.c.d`)
 * and 6to4 (`2002:AABB:CCDD::/48`). Packets to these reach that IPv4 host, so it is what we judge.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const [, p1 = 0, p2 = 0, , , , p6 = 0, p7 = 0] = address.parts;
  const ipv4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || address.match(NAT64_WELL_KNOWN)) return ipv4(p6, p7);
  if (range === '6to4') return ipv4(p1, p2);
  return null;
}

/** The ipaddr.js range name of a parsed address that must not be reached, or null for a public one. */
function forbiddenRangeOf(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  if (address.kind() === 'ipv4') {
    // An allow-list: anything ipaddr.js knows as special (loopback, private, carrierGradeNat,
    // linkLocal, unspecified, broadcast, multicast, reserved, …) is refused, not just the famous ones.
    const range = address.range();
    return range === 'unicast' ? null : range;
  }
  const v6 = address as ipaddr.IPv6;
  const wrapped = embeddedIPv4(v6);
  if (wrapped) return forbiddenRangeOf(wrapped);
  const range = v6.range();
  if (range !== 'unicast') return range;
  // ipaddr.js calls unlisted space "unicast"; outside 2000::/3 that is IPv4-compatible (::a.b.c.d)
  // and unassigned space, which no receiver of ours lives in.
  return v6.match(IPV6_GLOBAL_UNICAST) ? null : 'nonGlobal';
}

/**
 * Why a webhook may not be sent to this IP address: the name of the range it falls in
 * (ipaddr.js's names: `loopback`, `private`, `carrierGradeNat`, `linkLocal` — which holds the
 * cloud metadata address 169.254.169.254 —, `uniqueLocal`, `unspecified`, `broadcast`,
 * `multicast`, `reserved`, `teredo`, …; `nonGlobal` for IPv6 outside 2000::/3; `invalid` for
 * what is not an address), or null when it is public. IPv6 forms wrapping an IPv4 address
 * (mapped, translated, NAT64, 6to4) are judged by that IPv4 address.
 * @example forbiddenRange('::ffff:127.0.0.1'); // 'loopback'
 * @example forbiddenRange('93.184.216.34');    // null
 */
export function forbiddenRange(address: string): string | null {
  // Only canonical forms: `isIP` rejects the shorthand IPv4 spellings ipaddr.js would also accept.
  if (!isIP(address.replace(/%.*$/, ''))) return 'invalid';
  return forbiddenRangeOf(ipaddr.parse(address));
}

/** A refusal to connect to an address in a forbidden range, raised before any connection is made. */
export class ForbiddenAddressError extends Error {
  readonly code = ADDRESS_FORBIDDEN;

  constructor(
    /** The address that was refused. */
    readonly address: string,
    /** The range it is in, as {@link forbiddenRange} names it. */
    readonly range: string,
    hostname = address,
  ) {
    super(hostname === address ? `${address} is in the ${range} range` : `${hostname} resolves to ${address}, in the ${range} range`);
    this.name = 'ForbiddenAddressError';
  }
}

/**
 * The IP address a URL's `hostname` spells (`127.0.0.1`, `[::1]` → `::1`), or null for a name.
 * Node does not call `lookup` for these, so they must be checked before connecting.
 */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/** Resolves a host name to all its addresses, as `dns.promises.lookup(name, { ...options, all: true })` does. */
export type Resolve = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname, options) => dnsLookup(hostname, { ...options, all: true });

/**
 * A `lookup` for `http.request`, `https.request`, `net.connect` or an `Agent` that resolves the
 * name and refuses every forbidden address ({@link forbiddenRange}) with a
 * {@link ForbiddenAddressError} (`code` `ERR_ADDRESS_FORBIDDEN`). Because Node connects to exactly
 * the address `lookup` hands back, the check is on the address actually connected to: a DNS answer
 * that changes between saving an endpoint and sending to it (rebinding) cannot slip through.
 * A name with any forbidden address is refused whole rather than filtered, as no honest receiver
 * publishes one.
 * @param allowPrivate true for self-hosters whose receiver is on their own network
 *   (`KIZUNA_WEBHOOK_ALLOW_PRIVATE=1`, read by the caller): nothing is refused
 * @param resolve where names are resolved (the system resolver unless given)
 * @example https.request(url, { lookup: guardedLookup({ allowPrivate: false }) });
 */
export function guardedLookup({ allowPrivate, resolve = systemResolve }: { allowPrivate: boolean; resolve?: Resolve }): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options).then(
      (addresses) => {
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        if (!allowPrivate) {
          for (const { address } of addresses) {
            const range = forbiddenRange(address);
            if (range) return callback(new ForbiddenAddressError(address, range, hostname), '');
          }
        }
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
