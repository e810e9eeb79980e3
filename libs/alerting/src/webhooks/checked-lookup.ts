import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { ALLOW_PRIVATE_VARIABLE, classifyAddress } from './address-policy';

/** Resolves a host name to every address it has (`dns.lookup` with `all: true` by default). */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Raised through the socket when a destination resolves to an address it may not reach. */
export class RefusedAddressError extends Error {
  readonly code = 'EDW_REFUSED_ADDRESS';
}

/**
 * A `lookup` for net/tls connections that resolves the name and, unless `allowPrivate`, checks
 * every address it returned (one non-public address refuses the whole name: a rebinding answer
 * mixes one in); the socket is handed only the checked addresses, so what was checked is what is
 * connected to.
 */
export function checkedLookup(allowPrivate: boolean, resolve: HostResolver = systemResolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number | string }, callback: (...args: unknown[]) => void) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const refused = allowPrivate ? undefined : wanted.map((a) => classifyAddress(a.address)).find((verdict) => !verdict.allowed);
        if (refused) {
          return callback(new RefusedAddressError(`resolves to a non-public address (${refused.range}); set ${ALLOW_PRIVATE_VARIABLE}=true to allow non-public destinations`));
        }
        if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }));
        if (options.all) return callback(null, wanted);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: unknown) => callback(error),
    );
  }) as LookupFunction;
}
