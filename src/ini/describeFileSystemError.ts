import { ConfigError } from '../errors';

/**
 * Turns a file system error about `path` into a ConfigError that names the path, the cause and the
 * fix, or returns `undefined` for an error this tool cannot explain (it is then reported as a bug).
 * `action` completes "Cannot …", as in "read" or "write".
 */
export function describeFileSystemError(error: unknown, path: string, action: string): ConfigError | undefined {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  const fixes: Record<string, string> = {
    EACCES: 'permission denied (EACCES). Check the permissions of the file and of its directory with ls -l, or run configure as the file\'s owner',
    EPERM: 'the operation is not permitted (EPERM). Check the permissions and attributes of the file and of its directory (ls -l, lsattr)',
    EROFS: 'the file system is read-only (EROFS). Point AWS_CONFIG_FILE or VAULT_AWS_CONFIG_FILE at a file on a writable file system',
    EISDIR: 'it is a directory, not a file (EISDIR). Point AWS_CONFIG_FILE or VAULT_AWS_CONFIG_FILE at a file, or move the directory away',
    ENOTDIR: 'a part of the path is a file, not a directory (ENOTDIR). Fix the path',
    // mkdir under /proc or /sys answers ENOENT for a directory that cannot exist there.
    ENOENT: 'a directory on the path does not exist and cannot be created (ENOENT). Fix the path',
    ENOSPC: 'no space is left on the device (ENOSPC). Free some space',
    EDQUOT: 'the disk quota is exceeded (EDQUOT). Free some space',
  };

  const fix = code === undefined ? undefined : fixes[code];
  if (fix === undefined) {
    return undefined;
  }

  // A rename names its destination in `dest`, which may be the backup beside the file.
  let failedPath = path;
  if (error instanceof Error && 'dest' in error) {
    failedPath = String(error.dest);
  } else if (error instanceof Error && 'path' in error) {
    failedPath = String(error.path);
  }

  const where = failedPath === path ? path : `${path} (at ${failedPath})`;
  return new ConfigError(`Cannot ${action} ${where}: ${fix}, then run configure again.`, { file: path, cause: error });
}
