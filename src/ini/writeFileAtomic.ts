import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
 * content is saved beside it as `<name>.vault-aws.bak` with mode 0600.
 */
export async function writeFileAtomic(path: string, content: string): Promise<WriteFileAtomicResult> {
  const target = await resolveSymlinkTarget(path);
  const previous = await statOrUndefined(target);
  await mkdir(dirname(target), { recursive: true, mode: NEW_DIRECTORY_MODE });

  let backup: string | undefined;
  if (previous !== undefined) {
    backup = `${target}.vault-aws.bak`;
    await replaceFile(backup, await readFile(target), BACKUP_MODE, undefined);
  }

  const mode = previous === undefined ? NEW_FILE_MODE : previous.mode & 0o7777;
  await replaceFile(target, Buffer.from(content, 'utf8'), mode, previous);
  return { target, backup };
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

/** Gives the new file the old file's owner, which only root can do (for example under sudo). */
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
