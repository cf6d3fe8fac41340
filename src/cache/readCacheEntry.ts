import { closeSync, constants, fchmodSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import { debug } from '../log';
import { MAX_ENTRY_BYTES, parseCacheEntry, type CacheEntry } from './cacheEntry';

/** `modifiedAt` is the entry file's mtime in milliseconds since the epoch. */
export type CacheRead = { entry: CacheEntry; modifiedAt: number; reason?: undefined } | { entry: undefined; reason: string };

/**
 * Reads a cache entry without following symbolic links. An entry that is missing, damaged, too
 * large, not a regular file, owned by someone else or open to group or others is not used: the
 * result gives the reason, and the next write replaces it. An entry open to others is tightened to 0600
 * and deleted on the way. The directory must have passed checkCacheDirectory.
 */
export function readCacheEntry(path: string): CacheRead {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { entry: undefined, reason: describeOpenFailure(code) };
  }

  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      return { entry: undefined, reason: 'entry is not a regular file' };
    }

    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) {
      return { entry: undefined, reason: `entry belongs to user id ${stats.uid}` };
    }

    if ((stats.mode & 0o077) !== 0) {
      // Another user may have read or replaced these credentials: tighten the mode at once and drop the entry.
      fchmodSync(descriptor, 0o600);
      unlinkSync(path);
      return { entry: undefined, reason: 'entry was accessible to other users; permissions fixed and entry discarded' };
    }

    if (stats.size > MAX_ENTRY_BYTES) {
      return { entry: undefined, reason: `entry is ${stats.size} bytes, larger than ${MAX_ENTRY_BYTES}` };
    }

    const buffer = Buffer.alloc(stats.size);
    const length = readSync(descriptor, buffer, 0, stats.size, 0);
    const entry = parseCacheEntry(buffer.toString('utf8', 0, length));
    return entry === undefined ? { entry: undefined, reason: 'entry is damaged or of another format' } : { entry, modifiedAt: stats.mtimeMs };
  } catch (error) {
    debug(`cache: reading ${path} failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return { entry: undefined, reason: 'entry unreadable' };
  } finally {
    closeSync(descriptor);
  }
}

function describeOpenFailure(code: string | undefined): string {
  if (code === 'ENOENT') {
    return 'no entry';
  }

  if (code === 'ELOOP') {
    return 'entry is a symbolic link';
  }

  return `entry unreadable (${code ?? 'unknown error'})`;
}
