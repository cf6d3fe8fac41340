import { createDirectories } from '../createDirectories';
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

  createDirectories(path, 0o700);
  checkCacheDirectory(path);
}
