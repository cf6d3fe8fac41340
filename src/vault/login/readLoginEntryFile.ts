import { closeSync, constants, fchmodSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import { debug } from '../../log';

/** Largest login-token entry read, in bytes; a real one is a few hundred bytes. */
const MAX_LOGIN_ENTRY_BYTES = 16 * 1024;

/**
 * Reads a login-token entry file with the rules of the credential cache: no symbolic links, a
 * regular file owned by the current user and closed to group and others. A file open to others may
 * have leaked its token, so it is tightened to 0600 and deleted. Returns undefined for any file
 * that is not used.
 */
export function readLoginEntryFile(path: string): string | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }

  try {
    const stats = fstatSync(descriptor);
    const uid = process.getuid?.();
    if (!stats.isFile() || (uid !== undefined && stats.uid !== uid) || stats.size > MAX_LOGIN_ENTRY_BYTES) {
      debug(`login: ignoring ${path}, which is not a regular file of yours below ${MAX_LOGIN_ENTRY_BYTES} bytes`);
      return undefined;
    }

    if ((stats.mode & 0o077) !== 0) {
      fchmodSync(descriptor, 0o600);
      unlinkSync(path);
      debug(`login: deleted ${path}, which other users could read`);
      return undefined;
    }

    const buffer = Buffer.alloc(stats.size);
    const length = readSync(descriptor, buffer, 0, stats.size, 0);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    debug(`login: reading ${path} failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}
