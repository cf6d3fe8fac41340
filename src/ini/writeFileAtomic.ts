import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chown, open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createDirectories } from '../createDirectories';
import { ConfigError } from '../errors';
import { resolveSymlinkTarget } from './resolveSymlinkTarget';

/** Mode of a file that did not exist before, because shared AWS files may contain secrets. */
const NEW_FILE_MODE = 0o600;
const NEW_DIRECTORY_MODE = 0o700;
const BACKUP_MODE = 0o600;

export interface WriteFileAtomicResult {
  /** The file written, after following symlinks. */
  target: string;
  /** Path of the copy of the previous content, or `undefined` when there was no previous file. */
  backup: string | undefined;
}

/**
 * Replaces the file at `path` with `content` so that a crash at any moment leaves either the old
 * or the new file. The content goes to a temporary file in the same directory, because a rename
 * across file systems is not atomic, and is flushed and renamed over the target. A symlink is
 * followed and stays a symlink. The previous mode is kept (0600 for a new file), and the previous
 * content is saved beside it as `<name>.vault-aws.bak` with mode 0600. Run as root, the new file
 * and the backup keep the previous file's owner, and a new file gets its directory's owner.
 */
export async function writeFileAtomic(path: string, content: string): Promise<WriteFileAtomicResult> {
  const target = await resolveSymlinkTarget(path);
  const previous = await statOrUndefined(target);
  await makeDirectory(dirname(target));
  const owner = previous ?? (await stat(dirname(target)));

  let backup: string | undefined;
  if (previous !== undefined) {
    backup = `${target}.vault-aws.bak`;
    await replaceFile(backup, await readFile(target), BACKUP_MODE, owner);
  }

  const mode = previous === undefined ? NEW_FILE_MODE : previous.mode & 0o7777;
  await replaceFile(target, Buffer.from(content, 'utf8'), mode, owner);
  return { target, backup };
}

/**
 * Rejects writing `path` where the rename would surprise its owner: a read-only file, which its
 * owner marked as not to be changed, and a file with hard links, which the rename would detach from
 * this name. A missing file passes.
 */
export async function checkReplaceable(path: string): Promise<void> {
  const target = await resolveSymlinkTarget(path);
  const stats = await statOrUndefined(target);
  if (stats === undefined) {
    return;
  }

  if (stats.isDirectory()) {
    throw new ConfigError(`Cannot write ${target}: it is a directory, not a file. Point AWS_CONFIG_FILE or VAULT_AWS_CONFIG_FILE at a file, or move the directory away.`, { file: target });
  }

  if ((stats.mode & 0o222) === 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    throw new ConfigError(`${target} is read-only (mode ${mode}), so configure wrote nothing. Make it writable with "chmod u+w ${target}" and run configure again.`, { file: target });
  }

  if (stats.nlink > 1) {
    throw new ConfigError(
      `${target} has ${stats.nlink} hard links, so configure wrote nothing: it replaces the file by a rename, which would leave the other names with the old content. ` +
        `Replace the other hard links by symlinks to ${target} (ln -sf ${target} OTHER) and run configure again.`,
      { file: target },
    );
  }
}

/**
 * Creates `directory` and its missing parents with mode 0700. Run as root, each new directory gets
 * the owner of the directory it was created in, so that sudo does not leave root's folders in a
 * user's home.
 */
export async function makeDirectory(directory: string): Promise<void> {
  const created = createDirectories(directory, NEW_DIRECTORY_MODE);
  const first = created[0];
  if (first === undefined || process.getuid?.() !== 0) {
    return;
  }

  const owner = await stat(dirname(first));
  for (const path of created) {
    await chown(path, owner.uid, owner.gid);
  }
}

async function replaceFile(target: string, bytes: Buffer, mode: number, owner: { uid: number; gid: number } | undefined): Promise<void> {
  // NOTE: a process killed before the rename leaves this hidden file behind, and nothing removes it later.
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);

  try {
    // The mode given to open() is reduced by the umask, so chmod sets it exactly.
    await handle.chmod(mode);
    await keepOwner(handle, owner);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    await rename(temporary, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }

  await syncDirectory(dirname(target));
}

/** Gives the new file `owner`'s user and group, which only root can do (for example under sudo). */
async function keepOwner(handle: FileHandle, owner: { uid: number; gid: number } | undefined): Promise<void> {
  if (owner !== undefined && process.getuid?.() === 0) {
    await handle.chown(owner.uid, owner.gid);
  }
}

/** Flushes the directory entry of the rename, so that the new name survives a power loss. */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }

  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      return undefined;
    }

    throw error;
  }
}
