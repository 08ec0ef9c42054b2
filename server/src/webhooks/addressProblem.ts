import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

// ipaddr.js's names for the ranges, as a person reads them.
const NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private-network',
  linkLocal: 'link-local (cloud metadata)',
  uniqueLocal: 'private-network (unique local)',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  reserved: 'reserved',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/**
 * Why an IP address is not one to send a webhook to (loopback, a private network, link-local such as the cloud
 * metadata address 169.254.169.254, and every other range that is not public unicast), or undefined for a public
 * address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is.
 *
 * @example
 * addressProblem('169.254.169.254'); // 'a link-local (cloud metadata) address'
 * addressProblem('93.184.216.34');   // undefined
 */
export function addressProblem(address: string): string | undefined {
  if (!isIP(address)) return 'not an IP address';
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return undefined;
  const name = NAMES[range] ?? range;
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} address`;
}

/** A URL's host without IPv6 brackets: `[::1]` → `::1`. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * What can be told about a webhook host without asking DNS: an IP literal in a refused range, or a name that is
 * loopback by definition (`localhost`, `*.localhost`, RFC 6761). Other names are checked when they are resolved,
 * at every delivery.
 *
 * @example
 * hostProblem(new URL('http://localhost:3000/hook')); // 'localhost is a loopback name'
 */
export function hostProblem(url: URL): string | undefined {
  const host = bareHost(url).toLowerCase().replace(/\.$/, '');
  if (isIP(host)) {
    const problem = addressProblem(host);
    return problem && `${host} is ${problem}`;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback name`;
  return undefined;
}
