import type { Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { ConfigError } from '../errors';

/** Linux stops after 40 links with ELOOP, so a longer chain is almost certainly a loop. */
const MAX_SYMLINK_HOPS = 40;

/**
 * Follows `path` through symlinks to the file they point at, which may not exist yet. Writing
 * there keeps the link in place, as dotfile repositories that link ~/.aws/config expect.
 */
export async function resolveSymlinkTarget(path: string): Promise<string> {
  let current = resolve(path);

  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop += 1) {
    const stats = await lstatOrUndefined(current);
    if (stats === undefined || !stats.isSymbolicLink()) {
      return current;
    }

    current = resolve(dirname(current), await readlink(current));
  }

  throw new ConfigError(`${path} is a chain of more than ${MAX_SYMLINK_HOPS} symlinks, probably a loop. Point the link at a regular file.`, { file: path });
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      return undefined;
    }

    throw error;
  }
}
