import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { entryFileName } from './cacheEntry';
import { checkCacheDirectory } from './checkCacheDirectory';
import { isLockStale } from './profileLock';

export interface ClearResult {
  /** Profiles whose entries were removed. */
  removedEntries: number;
  /** Other files removed: failure records, stale locks, temporary files of killed writes. */
  removedOther: number;
  /** Locks kept because a running process holds them. */
  liveLocks: string[];
}

/**
 * Removes cache entries, of one profile or of all. Safe while other processes use the cache: an
 * entry is one unlink, readers that lose it fetch anew, and a lock held by a running process is
 * left alone.
 */
export function clearCache(directory: string, profile?: string): ClearResult {
  const result: ClearResult = { removedEntries: 0, removedOther: 0, liveLocks: [] };
  if (!checkCacheDirectory(directory)) {
    return result;
  }

  const prefix = profile === undefined ? undefined : entryFileName(profile);
  for (const name of readdirSync(directory)) {
    if (!/^profile-.+\.json/.test(name) || (prefix !== undefined && name !== prefix && !name.startsWith(`${prefix}.`))) {
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

    if (name.endsWith('.json')) {
      result.removedEntries += 1;
    } else {
      result.removedOther += 1;
    }
  }

  return result;
}
