import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * The text of a file read by readCacheFile with its fstat result, or why it was not read: `missing`,
 * `symbolic link`, `not a regular file`, `too large`, `unreadable` (with the errno code) or the
 * problem that the caller's `inspect` returned.
 */
export type CacheFileRead =
  | { text: string; stats: Stats; problem?: undefined }
  | { text: undefined; problem: string; code: string | undefined; stats: Stats | undefined };

/**
 * Reads a small file of the cache directory (an entry, a lock or a failure record) without
 * following a symbolic link, without blocking on a FIFO and without reading more than `maxBytes`.
 * The size is checked while reading rather than taken from fstat, because fstat reports 0 for
 * files under /proc. `inspect` runs on the open descriptor of a regular file before the content is
 * read; a problem it returns stops the read. The descriptor is closed before this function returns.
 */
export function readCacheFile(path: string, maxBytes: number, inspect?: (descriptor: number, stats: Stats) => string | undefined): CacheFileRead {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { text: undefined, problem: 'missing', code, stats: undefined };
    }

    return { text: undefined, problem: code === 'ELOOP' ? 'symbolic link' : 'unreadable', code, stats: undefined };
  }

  let stats: Stats | undefined;
  try {
    stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      return { text: undefined, problem: 'not a regular file', code: undefined, stats };
    }

    const problem = inspect?.(descriptor, stats);
    if (problem !== undefined) {
      return { text: undefined, problem, code: undefined, stats };
    }

    if (stats.size > maxBytes) {
      return { text: undefined, problem: 'too large', code: undefined, stats };
    }

    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const count = readSync(descriptor, buffer, length, buffer.length - length, length);
      if (count === 0) {
        break;
      }

      length += count;
      if (length > maxBytes) {
        return { text: undefined, problem: 'too large', code: undefined, stats };
      }
    }

    return { text: buffer.toString('utf8', 0, length), stats };
  } catch (error) {
    return { text: undefined, problem: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? String(error), stats };
  } finally {
    closeSync(descriptor);
  }
}
