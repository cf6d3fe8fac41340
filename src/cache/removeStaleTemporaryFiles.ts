import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { classifyCacheFile } from './cacheEntry';

/**
 * Age after which a temporary file of a lock is an orphan, in milliseconds. Such a file lives only
 * while a process creates the lock, and processes that do not hold the lock create them too.
 */
const LOCK_TEMPORARY_MAX_AGE_MS = 10_000;

/**
 * Deletes temporary files and moved-aside stale locks left beside a cache entry by processes killed
 * in the middle of a write or a lock takeover. Call it only while holding the entry's lock: only the
 * lock holder writes the entry and its failure record, so any temporary file of those found then is
 * an orphan. Files of other entries are never touched, whatever their profile names look like.
 */
export function removeStaleTemporaryFiles(entryPath: string): void {
  const directory = dirname(entryPath);
  const entryName = basename(entryPath);
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }

  for (const name of names) {
    const file = classifyCacheFile(name);
    if (file === undefined || file.entryName !== entryName || !['temporary', 'lock temporary', 'stale lock'].includes(file.kind)) {
      continue;
    }

    const path = join(directory, name);
    try {
      if (file.kind === 'lock temporary' && Date.now() - lstatSync(path).mtimeMs < LOCK_TEMPORARY_MAX_AGE_MS) {
        continue;
      }

      unlinkSync(path);
    } catch {
      // Removed by someone else.
    }
  }
}
