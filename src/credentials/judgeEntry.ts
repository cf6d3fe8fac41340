import type { CacheEntry } from '../cache/cacheEntry';
import { refreshWindowSeconds } from './refreshWindow';

/** How far the clock may appear to run backwards before an entry is distrusted, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 60;

export interface EntryJudgement {
  /** More than the refresh window remains: hand it out without asking Vault. */
  fresh: boolean;
  /** Not expired yet: usable when Vault cannot be reached. */
  usable: boolean;
  /** Why the entry is not fresh, for debug output. */
  reason: string;
}

/** Judges a cache entry against the profile's current settings and the current time. */
export function judgeEntry(entry: CacheEntry, profile: string, fingerprint: string, nowSeconds: number): EntryJudgement {
  if (entry.profile !== profile || entry.fingerprint !== fingerprint) {
    return { fresh: false, usable: false, reason: 'entry was fetched with other settings' };
  }

  const remaining = entry.expiresAt - nowSeconds;
  if (entry.expiresAt !== entry.fetchedAt + entry.ttl || remaining > entry.ttl + CLOCK_TOLERANCE_SECONDS) {
    // Either the entry was edited or the clock moved back since it was written.
    return { fresh: false, usable: false, reason: 'entry lifetime does not match the clock' };
  }

  if (remaining <= 0) {
    return { fresh: false, usable: false, reason: 'entry has expired' };
  }

  if (remaining <= refreshWindowSeconds(entry.ttl)) {
    return { fresh: false, usable: true, reason: `only ${remaining} s left, inside the refresh window` };
  }

  return { fresh: true, usable: true, reason: 'fresh' };
}
