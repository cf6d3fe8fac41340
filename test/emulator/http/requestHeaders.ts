import type { IncomingHttpHeaders } from 'node:http';
import { parseDurationSecond } from '../go/parseDurationSecond';
import { badRequest } from '../core/vaultHttpError';

/** Reads the request token from `X-Vault-Token`, then from `Authorization: Bearer`, as Vault does. */
export function readClientToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headerValue(headers, 'x-vault-token');
  if (header !== undefined && header !== '') {
    return header;
  }

  const authorization = headerValue(headers, 'authorization');
  if (authorization?.startsWith('Bearer ') === true) {
    return authorization.slice('Bearer '.length);
  }

  return undefined;
}

/** Reads `X-Vault-Wrap-TTL` in seconds; 0 when absent. */
export function readWrapTtl(headers: IncomingHttpHeaders): number {
  const header = headerValue(headers, 'x-vault-wrap-ttl');
  if (header === undefined || header === '') {
    return 0;
  }

  let seconds: number;
  try {
    seconds = parseDurationSecond(header);
  } catch (error) {
    throw badRequest(`error parsing X-Vault-Wrap-TTL header: ${(error as Error).message}`);
  }

  if (seconds < 0) {
    throw badRequest('error parsing X-Vault-Wrap-TTL header: requested wrap ttl cannot be negative');
  }

  return seconds;
}

/** Returns the first value of a request header. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

