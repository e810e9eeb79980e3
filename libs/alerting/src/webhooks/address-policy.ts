import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The variable that lets webhooks reach private, loopback and other non-public addresses. */
export const ALLOW_PRIVATE_VARIABLE = 'DRIFTWATCH_WEBHOOK_ALLOW_PRIVATE';

export interface AddressVerdict {
  allowed: boolean;
  /** ipaddr.js' range name (`loopback`, `private`, `linkLocal`, `carrierGradeNat`, …) or one of ours; `unicast` when public. */
  range: string;
}

// Ranges ipaddr.js 1.9 calls unicast that no public receiver lives in.
const EXTRA_RANGES: ReadonlyArray<readonly [string, ReturnType<typeof ipaddr.parseCIDR>]> = [
  ['benchmarking', ipaddr.parseCIDR('198.18.0.0/15')],
  // Deprecated IPv4-compatible IPv6 (::a.b.c.d): some stacks route it to the embedded IPv4 address.
  ['ipv4Compatible', ipaddr.parseCIDR('::/96')],
  ['discard', ipaddr.parseCIDR('100::/64')],
];

/**
 * Whether an IP address is a public unicast one. Everything else — loopback, link-local
 * (169.254/16, fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7), CGNAT (100.64/10),
 * unspecified, broadcast, multicast, reserved, and IPv6 forms that embed an IPv4 address
 * (mapped ::ffff:a.b.c.d, NAT64, 6to4, Teredo) — is refused. A mapped address is judged by
 * the IPv4 address it carries, so `::ffff:127.0.0.1` is loopback.
 * Expects a literal as `new URL().hostname` (brackets allowed) or `dns.lookup` give it.
 */
export function classifyAddress(address: string): AddressVerdict {
  const literal = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(literal) === 0) return { allowed: false, range: 'invalid' };
  let parsed = ipaddr.parse(literal);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range !== 'unicast') return { allowed: false, range };
  for (const [name, cidr] of EXTRA_RANGES) {
    if (parsed.kind() !== cidr[0].kind()) continue;
    const inside = parsed.kind() === 'ipv4' ? (parsed as ipaddr.IPv4).match(cidr as [ipaddr.IPv4, number]) : (parsed as ipaddr.IPv6).match(cidr as [ipaddr.IPv6, number]);
    if (inside) return { allowed: false, range: name };
  }
  return { allowed: true, range };
}

/** True for names that always mean this machine (RFC 6761): `localhost` and `*.localhost`, with or without the final dot. */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Why a destination's host may not be used as written, or undefined: a literal address outside
 * public unicast, or a localhost name. Other names are checked after resolution, at delivery.
 */
export function literalHostRefusal(hostname: string, allowPrivate: boolean): string | undefined {
  if (allowPrivate) return undefined;
  if (isLocalhostName(hostname)) return `url: host ${hostname} is loopback; set ${ALLOW_PRIVATE_VARIABLE}=true to allow non-public destinations`;
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare) === 0) return undefined;
  const verdict = classifyAddress(bare);
  if (verdict.allowed) return undefined;
  return `url: address ${bare} is in a non-public range (${verdict.range}); set ${ALLOW_PRIVATE_VARIABLE}=true to allow non-public destinations`;
}
