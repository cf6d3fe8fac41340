import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { entryFileName } from './cacheEntry';
import { checkCacheDirectory } from './checkCacheDirectory';
import { isLockStale } from './profileLock';

export interface ClearResult {
  /** Profiles whose entries were removed. */
  removedEntries: number;
  /** Cached Vault tokens of `vault-aws login` and of login methods, removed only when clearing all profiles. */
  removedLoginTokens: number;
  /** Other files removed: failure records, stale locks, temporary files of killed writes. */
  removedOther: number;
  /** Locks kept because a running process holds them. */
  liveLocks: string[];
}

/**
 * Removes cache entries, of one profile or of all (cached login tokens too). Safe while other processes use the cache: an
 * entry is one unlink, readers that lose it fetch anew, and a lock held by a running process is
 * left alone.
 */
export function clearCache(directory: string, profile?: string): ClearResult {
  const result: ClearResult = { removedEntries: 0, removedLoginTokens: 0, removedOther: 0, liveLocks: [] };
  if (!checkCacheDirectory(directory)) {
    return result;
  }

  const prefix = profile === undefined ? undefined : entryFileName(profile);
  for (const name of readdirSync(directory)) {
    // Login tokens are shared by every profile with the same Vault and auth settings, so only a full clear removes them.
    const isLoginToken = prefix === undefined && /^login-[0-9a-f]+\.json/.test(name);
    const isProfileFile = /^profile-.+\.json/.test(name) && (prefix === undefined || name === prefix || name.startsWith(`${prefix}.`));
    if (!isLoginToken && !isProfileFile) {
      continue;
    }

    const path = join(directory, name);
    if (name.endsWith('.lock') && !isLockStale(path)) {
      result.liveLocks.push(path);
      continue;
    }

    try {
      unlinkSync(path);
    } catch {
      continue;
    }

    if (name.startsWith('login-') && name.endsWith('.json')) {
      result.removedLoginTokens += 1;
    } else if (name.endsWith('.json')) {
      result.removedEntries += 1;
    } else {
      result.removedOther += 1;
    }
  }

  return result;
}
