import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TEMPORARY_SUFFIX } from './writeCacheFile';

/**
 * Deletes temporary files left beside a cache entry by a process killed in the middle of a write.
 * Call it only while holding the entry's lock: only the lock holder writes the entry, so any
 * temporary file of that entry found then is an orphan.
 */
export function removeStaleTemporaryFiles(entryPath: string): void {
  const directory = dirname(entryPath);
  const prefix = `${basename(entryPath)}.`;
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }

  for (const name of names) {
    const orphan = name.startsWith(prefix) && (name.endsWith(TEMPORARY_SUFFIX) || name.includes('.lock.stale.'));
    if (orphan) {
      try {
        unlinkSync(join(directory, name));
      } catch {
        // Removed by someone else.
      }
    }
  }
}
