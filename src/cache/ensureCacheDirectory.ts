import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkCacheDirectory } from './checkCacheDirectory';

/**
 * Creates the cache directory with mode 0700 if it does not exist, then checks it. Throws the
 * mkdir error (EACCES, EROFS, ENOSPC) when it cannot be created, and a CacheError when it exists
 * but cannot be trusted.
 */
export function ensureCacheDirectory(path: string): void {
  if (checkCacheDirectory(path)) {
    return;
  }

  createDirectories(path);
  checkCacheDirectory(path);
}

/**
 * Creates `path` and its missing parents one at a time, from the nearest existing ancestor down,
 * each with mode 0700. Unlike mkdir's recursive mode in Node.js, which can report ENOENT for a parent
 * on a read-only file system, this throws the error of the directory that could not be made.
 */
function createDirectories(path: string): void {
  const missing: string[] = [];
  for (let current = path; !exists(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) {
      break;
    }
  }

  for (const directory of missing) {
    try {
      mkdirSync(directory, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }

    throw error;
  }
}
