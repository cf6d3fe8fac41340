import { fchmodSync, unlinkSync } from 'node:fs';
import { debug } from '../log';
import { MAX_ENTRY_BYTES, parseCacheEntry, type CacheEntry } from './cacheEntry';
import { readCacheFile } from './readCacheFile';

/** `modifiedAt` is the entry file's mtime in milliseconds since the epoch. */
export type CacheRead = { entry: CacheEntry; modifiedAt: number; reason?: undefined } | { entry: undefined; reason: string };

/**
 * Reads a cache entry without following symbolic links. An entry that is missing, damaged, too
 * large, not a regular file, owned by someone else, open to group or others, or hard-linked
 * elsewhere is not used: the result gives the reason, and the next write replaces it. With
 * `repair` (the credential path), an entry open to others is tightened to 0600 and deleted, and a
 * hard-linked entry loses its name here, so that no copy keeps credentials after a refresh.
 * Without it (listings), the cache is left as it is. The directory must have passed
 * checkCacheDirectory.
 */
export function readCacheEntry(path: string, options: { repair: boolean }): CacheRead {
  const read = readCacheFile(path, MAX_ENTRY_BYTES, (descriptor, stats) => {
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) {
      return `entry belongs to user id ${stats.uid}`;
    }

    const mode = `0${(stats.mode & 0o777).toString(8)}`;
    if ((stats.mode & 0o077) !== 0) {
      if (!options.repair) {
        return `entry is accessible to other users (mode ${mode})`;
      }

      // Another user may have read or replaced these credentials: tighten the mode at once and drop the entry.
      fchmodSync(descriptor, 0o600);
      unlinkSync(path);
      return `entry was accessible to other users (mode ${mode}); permissions fixed and entry discarded`;
    }

    if (stats.nlink > 1) {
      if (!options.repair) {
        return `entry has ${stats.nlink} hard links`;
      }

      // A refresh replaces only this name, so another link would keep the old credentials.
      unlinkSync(path);
      return `entry had ${stats.nlink} hard links; this name removed`;
    }

    return undefined;
  });

  if (read.text === undefined) {
    if (read.problem === 'unreadable') {
      debug(`cache: reading ${path} failed: ${read.code ?? 'unknown error'}`);
    }

    return { entry: undefined, reason: describeProblem(read.problem, read.code) };
  }

  const entry = parseCacheEntry(read.text);
  return entry === undefined ? { entry: undefined, reason: 'entry is damaged or of another format' } : { entry, modifiedAt: read.stats.mtimeMs };
}

function describeProblem(problem: string, code: string | undefined): string {
  switch (problem) {
    case 'missing':
      return 'no entry';
    case 'symbolic link':
      return 'entry is a symbolic link';
    case 'not a regular file':
      return 'entry is not a regular file';
    case 'too large':
      return `entry is larger than ${MAX_ENTRY_BYTES} bytes`;
    case 'unreadable':
      return `entry unreadable (${code ?? 'unknown error'})`;
    default:
      return problem;
  }
}
