import { chmodSync, lstatSync } from 'node:fs';
import { CacheError } from '../errors';

/**
 * Checks that the cache directory may hold credentials: a real directory (not a symlink), owned by
 * the current user, with no access for group or others. Loose permissions on a directory the user
 * owns are fixed; anything else is a CacheError naming the path and the fix.
 * Returns false when the directory does not exist yet.
 */
export function checkCacheDirectory(path: string): boolean {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }

    throw error;
  }

  if (stats.isSymbolicLink()) {
    throw new CacheError(`cache directory ${path} is a symbolic link, so credentials are not kept there; remove the link or set VAULT_AWS_CACHE_DIR to a real directory`, path);
  }

  if (!stats.isDirectory()) {
    throw new CacheError(`cache directory ${path} is not a directory; remove it or set VAULT_AWS_CACHE_DIR to another path`, path);
  }

  const uid = process.getuid?.();
  if (uid === undefined) {
    return true;
  }

  if (stats.uid !== uid) {
    throw new CacheError(`cache directory ${path} belongs to user id ${stats.uid}, not to you (${uid}); remove it or set VAULT_AWS_CACHE_DIR to a directory of your own`, path);
  }

  if ((stats.mode & 0o077) !== 0) {
    try {
      chmodSync(path, 0o700);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CacheError(
        `cache directory ${path} is accessible to other users and chmod 700 failed (${code}); set VAULT_AWS_CACHE_DIR to a directory of your own on a writable file system, or fix the mode of ${path} where it is mounted writable`,
        path,
        { cause: error },
      );
    }
  }

  return true;
}
