import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import { ConfigError } from '../errors';
import { readTextFile } from '../ini/readTextFile';
import { resolveSymlinkTarget } from '../ini/resolveSymlinkTarget';
import { withFileLock } from '../ini/withFileLock';
import { writeFileAtomic, type WriteFileAtomicResult } from '../ini/writeFileAtomic';
import type { FileChange } from './planConfigure';

/**
 * Writes each planned change under a lock, after checking that the file still holds what the plan
 * was computed from. A file edited in the meantime (by hand, or by another configure while this
 * one waited for an answer) stops the write instead of losing that edit.
 */
export async function writePlannedChanges(changes: readonly FileChange[]): Promise<WriteFileAtomicResult[]> {
  const results: WriteFileAtomicResult[] = [];

  for (const change of changes) {
    const target = await resolveSymlinkTarget(change.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });

    const result = await withFileLock(target, async () => {
      const current = await readTextFile(change.path);
      if (current !== change.before) {
        throw new ConfigError(`${change.path} changed while configure was running, so nothing more was written. Run configure again.`, { file: change.path });
      }

      return writeFileAtomic(change.path, change.after);
    });
    results.push(result);
  }

  return results;
}
