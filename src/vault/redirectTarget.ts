import { debug } from '../log';
import type { RawResponse } from './sendRequest';
import type { VaultRequestError } from './vaultRequestError';

type Fail = (details: Omit<ConstructorParameters<typeof VaultRequestError>[0], 'method' | 'path' | 'address'>) => VaultRequestError;

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 307;
}

/**
 * Returns the target of the one redirect the official client follows. Over a unix socket the
 * request stays on the socket, as Go's socket dialer ignores the host, and only the path and query
 * of `Location` are used.
 */
export function redirectTarget(response: RawResponse, current: URL, overSocket: boolean, fail: Fail): URL {
  const location = response.headers.location;
  if (location === undefined || location === '') {
    throw fail({ kind: 'redirect', status: response.status, detail: `HTTP ${response.status} redirect without a Location header` });
  }

  let target: URL;
  try {
    target = new URL(location, current);
  } catch (error) {
    throw fail({ kind: 'redirect', status: response.status, detail: `HTTP ${response.status} redirect to ${JSON.stringify(location.slice(0, 200))}, which is not a valid URL; check the api_addr of the active Vault node`, cause: error });
  }

  if (current.protocol === 'https:' && target.protocol !== 'https:') {
    throw fail({ kind: 'redirect', status: response.status, detail: `redirect to ${target.origin} would cause protocol downgrade from https; fix the api_addr of the active Vault node` });
  }

  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw fail({ kind: 'redirect', status: response.status, detail: `redirect to a ${target.protocol} URL, which is not http or https` });
  }

  debug(`vault: following HTTP ${response.status} redirect to ${overSocket ? target.pathname : target.origin}`);
  return overSocket ? new URL(`${target.pathname}${target.search}`, current) : target;
}
