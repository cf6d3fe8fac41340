import { formatGoTime } from '../../go/formatGoTime';
import type { GoValue } from '../../go/marshalGoJson';
import { isRootToken, type TokenEntry } from '../../core/tokens/tokenStore';

/** Builds the `data` of `auth/token/lookup-self`; tokens with a TTL also show `issue_time` and `renewable`. */
export function lookupSelfData(token: TokenEntry, nowMs: number): Map<string, GoValue> {
  const data = new Map<string, GoValue>([
    ['accessor', token.accessor],
    ['creation_time', Math.floor(token.creationTimeMs / 1000)],
    ['creation_ttl', token.creationTtlSeconds],
    ['display_name', token.displayName],
    ['entity_id', token.entityId],
    ['expire_time', token.expireTimeMs === null ? null : formatGoTime(token.expireTimeMs)],
    ['explicit_max_ttl', 0],
    ['id', token.id],
    ['meta', token.meta === null ? null : new Map(Object.entries(token.meta))],
    ['num_uses', token.numUses],
    ['orphan', token.orphan],
    ['path', token.path],
    ['policies', token.policies],
    ['ttl', token.expireTimeMs === null ? 0 : Math.max(0, Math.floor((token.expireTimeMs - nowMs) / 1000))],
    ['type', 'service'],
  ]);

  if (!isRootToken(token) && token.expireTimeMs !== null) {
    data.set('issue_time', formatGoTime(token.creationTimeMs));
    data.set('renewable', token.renewable);
  }

  return data;
}
