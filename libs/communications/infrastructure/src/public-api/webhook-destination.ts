import { lookup } from 'node:dns';
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point. A webhook URL comes from another system's API key, so by default it
 * may not reach this installation's own network: loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, benchmark, multicast and reserved ranges are refused (server-side request
 * forgery). An on-premise installation whose receivers sit on the LAN turns that off explicitly.
 */
export interface WebhookDestinationRule {
  readonly allowPrivateNetworks: boolean;
}

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address an IPv4-mapped or -translated IPv6 address carries, or the address itself. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address) ?? /^64:ff9b::(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether an IP address belongs to a network a webhook may not reach by default. */
export function isInternalAddress(address: string): boolean {
  const { address: plain, family } = unmapped(address);
  return internal.check(plain, family);
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Why a subscribed URL is refused before anything is sent, or undefined: an address literal in a
 * refused network, or a name that is this machine. Other names are checked on every delivery,
 * against what they resolve to then (see {@link guardedLookup}).
 */
export function refusedWebhookUrl(raw: string, rule: WebhookDestinationRule): string | undefined {
  if (rule.allowPrivateNetworks) return undefined;
  const host = hostOf(new URL(raw));
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine; webhooks may not point at the installation's own network`;
  if (isIP(host) && isInternalAddress(host))
    return `${host} is in a private, loopback or reserved network; webhooks may not point at the installation's own network`;
  return undefined;
}

export class RefusedWebhookDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedWebhookDestinationError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for the connection itself: the name is resolved once, and refused when any address
 * it gives is internal — so a name that answers a public address to a check and a private one to
 * the connection (DNS rebinding) still cannot reach inside.
 */
export function guardedLookup(rule: WebhookDestinationRule, resolve: typeof lookup = lookup) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = rule.allowPrivateNetworks ? undefined : addresses.find((a) => isInternalAddress(a.address));
      if (refused) {
        const denial = new RefusedWebhookDestinationError(`${hostname} resolves to ${refused.address}, in a private, loopback or reserved network`);
        return callback(Object.assign(denial, { code: 'EWEBHOOKDESTINATION' }), []);
      }
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      const first = addresses[0];
      return callback(null, first.address, first.family);
    });
  };
}
