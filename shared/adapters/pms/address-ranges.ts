import { isIP } from 'node:net';

/**
 * What kind of address an IP is, for the PMS egress guard (`egress-guard.ts`). Only `public` may
 * be reached on AWS; the local stack also allows `loopback` (its simulators). Everything else is
 * refused, whatever host name led to it:
 *
 * - `unspecified`: 0.0.0.0/8, ::/128 (0.0.0.0 reaches the local host on Linux);
 * - `loopback`: 127.0.0.0/8, ::1;
 * - `private`: 10/8, 172.16/12, 192.168/16, the deprecated IPv6 site-local fec0::/10, and NAT64's
 *   local-use prefix 64:ff9b:1::/48;
 * - `link_local`: 169.254/16 (the instance metadata service lives at 169.254.169.254), fe80::/10;
 * - `unique_local`: fc00::/7 (IPv6's private ranges);
 * - `cgnat`: 100.64/10 (carrier-grade NAT, shared address space; VPC-internal on some clouds);
 * - `multicast`: 224/4, ff00::/8;
 * - `reserved`: what is not routable on the internet: 192.0.0/24, the documentation ranges
 *   (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32), benchmarking 198.18/15, 240/4 and
 *   broadcast, IPv6 discard 100::/64, Teredo 2001::/32 (it tunnels to an address we cannot see),
 *   and anything that is not an IP at all.
 *
 * IPv6 forms that carry an IPv4 address are judged by that address: IPv4-mapped `::ffff:a.b.c.d`,
 * IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` and 6to4 `2002:AABB:CCDD::`. So
 * `::ffff:169.254.169.254` is link-local, exactly as `169.254.169.254` is.
 */
export type AddressClass = 'public' | 'unspecified' | 'loopback' | 'private' | 'link_local' | 'unique_local' | 'cgnat' | 'multicast' | 'reserved';

type V4Range = readonly [base: number, prefix: number, kind: Exclude<AddressClass, 'public'>];

const V4_RANGES: readonly V4Range[] = [
  [v4('0.0.0.0'), 8, 'unspecified'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('169.254.0.0'), 16, 'link_local'],
  [v4('100.64.0.0'), 10, 'cgnat'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('192.0.0.0'), 24, 'reserved'],
  [v4('192.0.2.0'), 24, 'reserved'],
  [v4('198.51.100.0'), 24, 'reserved'],
  [v4('203.0.113.0'), 24, 'reserved'],
  [v4('198.18.0.0'), 15, 'reserved'],
  [v4('240.0.0.0'), 4, 'reserved'],
];

/** Classifies an IPv4 or IPv6 address given as text; anything else is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return classifyV4(v4(bare));
  if (family === 6) {
    const bytes = parseV6(bare);
    return bytes ? classifyV6(bytes) : 'reserved';
  }
  return 'reserved';
}

/** True for an IPv4 or IPv6 literal (with or without brackets). */
export function isIpLiteral(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIP(bare) !== 0;
}

function classifyV4(ip: number): AddressClass {
  for (const [base, prefix, kind] of V4_RANGES) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    if (((ip & mask) >>> 0) === base) return kind;
  }
  return 'public';
}

function classifyV6(b: Uint8Array): AddressClass {
  const allZero = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  const embedded = (at: number) => classifyV4(((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0);
  // ::/128 and ::1
  if (allZero(0, 15)) return b[15] === 0 ? 'unspecified' : b[15] === 1 ? 'loopback' : embedded(12);
  // IPv4-mapped ::ffff:a.b.c.d
  if (allZero(0, 10) && b[10] === 0xff && b[11] === 0xff) return embedded(12);
  // IPv4-compatible ::a.b.c.d (deprecated, but a resolver may still hand it out)
  if (allZero(0, 12)) return embedded(12);
  // NAT64 well-known prefix 64:ff9b::/96, and its local-use 64:ff9b:1::/48
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    if (allZero(4, 12)) return embedded(12);
    if (b[4] === 0x00 && b[5] === 0x01) return 'private';
  }
  // 6to4 2002:AABB:CCDD::/48 carries the IPv4 address in bits 16..48
  if (b[0] === 0x20 && b[1] === 0x02) return embedded(2);
  // Teredo 2001::/32, documentation 2001:db8::/32
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return 'reserved';
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'reserved';
  // Discard-only 100::/64
  if (b[0] === 0x01 && b[1] === 0x00 && allZero(2, 8)) return 'reserved';
  if (b[0] === 0xff) return 'multicast';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link_local';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'private';
  if ((b[0]! & 0xfe) === 0xfc) return 'unique_local';
  return 'public';
}

function v4(text: string): number {
  return text.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** 16 bytes of an IPv6 address (`isIP` already said it is one); a zone (`%eth0`) is ignored. */
function parseV6(text: string): Uint8Array | undefined {
  let s = text.split('%', 1)[0]!.toLowerCase();
  const bytes = new Uint8Array(16);
  // A trailing dotted quad stands for the last two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (quad) {
    const n = v4(quad[1]!);
    s = `${s.slice(0, -quad[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? (s.split('::') as [string, string]) : [s, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  if (groups.length !== 8) return undefined;
  groups.forEach((g, i) => {
    const n = Number.parseInt(g || '0', 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  return bytes;
}
