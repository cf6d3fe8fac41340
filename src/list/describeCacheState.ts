import { entryPath } from '../cache/cacheEntry';
import { readCacheEntry } from '../cache/readCacheEntry';
import { fingerprintOf } from '../credentials/fingerprint';
import { judgeEntry } from '../credentials/judgeEntry';
import { formatExpiration } from '../output/formatProcessCredentials';
import type { ResolvedProfile } from '../profiles/resolveProfile';

export interface CacheState {
  /**
   * `fresh` (served from the cache), `refresh-due` (still valid, but the next call requests new ones from Vault),
   * `expired`, `invalid` (not used, `note` says why) or `none`, the words of `cache list`.
   */
  state: 'fresh' | 'refresh-due' | 'expired' | 'invalid' | 'none';
  note: string | undefined;
  /** Seconds until the cached credentials expire; negative once they have. */
  remainingSeconds: number | undefined;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  expiration: string | undefined;
  accountId: string | undefined;
}

/** Describes the cache entry of a resolved profile without any secret. The directory must have passed checkCacheDirectory. */
export function describeCacheState(directory: string, profile: ResolvedProfile, nowSeconds: number): CacheState {
  const read = readCacheEntry(entryPath(directory, profile.profile), { repair: false });
  if (read.entry === undefined) {
    const state = read.reason === 'no entry' ? 'none' : 'invalid';
    return { state, note: read.reason, remainingSeconds: undefined, expiration: undefined, accountId: undefined };
  }

  const entry = read.entry;
  const judgement = judgeEntry(entry, profile.profile, fingerprintOf(profile), nowSeconds);
  const remainingSeconds = entry.expiresAt - nowSeconds;
  const described = { remainingSeconds, expiration: formatExpiration(entry.expiresAt), accountId: entry.accountId };
  if (judgement.fresh) {
    return { state: 'fresh', note: undefined, ...described };
  }

  if (judgement.usable) {
    return { state: 'refresh-due', note: judgement.reason, ...described };
  }

  return { state: remainingSeconds <= 0 ? 'expired' : 'invalid', note: judgement.reason, ...described };
}
