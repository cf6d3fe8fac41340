import { formatGoTime } from '../../go/formatGoTime';
import type { GoValue } from '../../go/marshalGoJson';
import type { EmulatorContext } from '../emulatorContext';
import { randomServiceToken } from '../randomValues';
import { tokenLifetime } from '../tokens/tokenStore';

/**
 * Stores a response body behind a new single-use response-wrapping token and returns the
 * `wrap_info` struct that replaces the response.
 */
export function createWrappingToken(
  context: EmulatorContext,
  wrappedBody: string,
  options: { ttlSeconds: number; creationPath: string; wrappedAccessor?: string | undefined },
): { token: string; wrapInfo: GoValue } {
  const now = context.vaultNow();
  const entry = context.tokens.add({
    id: randomServiceToken(),
    policies: ['response-wrapping'],
    path: options.creationPath,
    displayName: '',
    numUses: 1,
    orphan: true,
    renewable: false,
    wrappedBody,
    ...tokenLifetime(now, options.ttlSeconds),
  });

  const wrapInfo = {
    token: entry.id,
    accessor: entry.accessor,
    ttl: options.ttlSeconds,
    creation_time: formatGoTime(now),
    creation_path: options.creationPath,
    wrapped_accessor: options.wrappedAccessor === '' ? undefined : options.wrappedAccessor,
  };
  return { token: entry.id, wrapInfo };
}
