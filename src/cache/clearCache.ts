import { readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { classifyCacheFile, entryFileName } from './cacheEntry';
import { checkCacheDirectory } from './checkCacheDirectory';
import { removeStaleLock } from './profileLock';

export interface ClearResult {
  /** Profiles whose entries were removed. */
  removedEntries: number;
  /** Cached Vault tokens of `vault-aws login` and of login methods, removed only when clearing all profiles. */
  removedLoginTokens: number;
  /** Other files removed: failure records, stale locks, temporary files of killed writes. */
  removedOther: number;
  /** Locks kept because a running process holds them. */
  liveLocks: string[];
  /** Files that could not be removed, with the error code (EROFS, EACCES, ENOTEMPTY). */
  failures: Array<{ path: string; code: string }>;
}

/**
 * Removes cache entries, of one profile or of all (cached login tokens too). Safe while other
 * processes use the cache: an entry is one unlink, readers that lose it fetch anew, and a lock held
 * by a running process is left alone. A file that cannot be removed is reported in `failures`, and
 * the rest are still removed.
 */
export function clearCache(directory: string, profile?: string): ClearResult {
  const result: ClearResult = { removedEntries: 0, removedLoginTokens: 0, removedOther: 0, liveLocks: [], failures: [] };
  if (!checkCacheDirectory(directory)) {
    return result;
  }

  const profileEntry = profile === undefined ? undefined : entryFileName(profile);
  for (const name of readdirSync(directory)) {
    const file = classifyCacheFile(name);
    if (file === undefined) {
      continue;
    }

    // Login tokens are shared by every profile with the same Vault and auth settings, so only a full clear removes them.
    const isLoginFile = profileEntry === undefined && /^login-[0-9a-f]+\.json$/.test(file.entryName);
    const isProfileFile = file.entryName.startsWith('profile-') && (profileEntry === undefined || file.entryName === profileEntry);
    if (!isLoginFile && !isProfileFile) {
      continue;
    }

    const path = join(directory, name);
    const removed = file.kind === 'lock' ? removeLock(path, result) : removeFile(path, result);
    if (!removed) {
      continue;
    }

    if (file.kind === 'entry' && isLoginFile) {
      result.removedLoginTokens += 1;
    } else if (file.kind === 'entry') {
      result.removedEntries += 1;
    } else {
      result.removedOther += 1;
    }
  }

  return result;
}

function removeLock(path: string, result: ClearResult): boolean {
  try {
    const outcome = removeStaleLock(path);
    if (outcome === 'live') {
      result.liveLocks.push(path);
    }

    return outcome === 'removed';
  } catch (error) {
    result.failures.push({ path, code: errorCode(error) });
    return false;
  }
}

/** Unlinks `path`, or removes it with rmdir when it is an empty directory. */
function removeFile(path: string, result: ClearResult): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') {
      return false;
    }

    if (code === 'EISDIR' || code === 'EPERM') {
      // Linux reports EISDIR for a directory, macOS EPERM.
      try {
        rmdirSync(path);
        return true;
      } catch (directoryError) {
        if (errorCode(directoryError) !== 'ENOTDIR') {
          result.failures.push({ path, code: errorCode(directoryError) });
          return false;
        }
      }
    }

    result.failures.push({ path, code });
    return false;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
