import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { addressProblem } from './addressProblem';

/** `dns.lookup`'s shape, the one `net.connect` calls (with `all: true` when it tries several addresses). */
export type Lookup = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/** A webhook's host resolved to an address it must not be sent to. */
export class RefusedAddressError extends Error {
  readonly code = 'EWAYMARK_PRIVATE_ADDRESS';
}

/**
 * A DNS lookup for outgoing webhooks that refuses a name resolving to loopback, a private network, link-local (the
 * cloud metadata address) or any other non-public range, unless `allowPrivateNetworks`. It is the lookup the
 * connection itself uses, so the address checked is the address connected to: a name that answers with a public
 * address to one query and 127.0.0.1 to the next (DNS rebinding) gets nowhere. One bad address among several refuses
 * the name.
 *
 * @example
 * https.request(url, { lookup: safeLookup(dns.lookup, false) });
 */
export function safeLookup(resolve: Lookup = dnsLookup as Lookup, allowPrivateNetworks = false): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, []);
      const addresses = found as LookupAddress[];
      if (!addresses.length)
        return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []);
      if (!allowPrivateNetworks)
        for (const a of addresses) {
          const problem = addressProblem(a.address);
          if (problem)
            return callback(
              new RefusedAddressError(
                `${hostname} resolves to ${a.address}, ${problem}: refused (SSRF); allowPrivateNetworks is off`,
              ),
              [],
            );
        }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
