import { dirname } from 'node:path';

import { ConfigError } from '../errors';
import { describeFileSystemError } from '../ini/describeFileSystemError';
import { readTextFile } from '../ini/readTextFile';
import { resolveSymlinkTarget } from '../ini/resolveSymlinkTarget';
import { withFileLock } from '../ini/withFileLock';
import { checkReplaceable, makeDirectory, writeFileAtomic, type WriteFileAtomicResult } from '../ini/writeFileAtomic';
import type { FileChange } from './planConfigure';

/**
 * Writes the planned changes. It first takes the lock of every file and checks each one: that it
 * still contains what the plan was computed from (an edit by hand, or by another configure while
 * this one waited at its prompt, stops the write instead of being lost), and that it can be
 * replaced. Only then does it write, so a problem found before writing leaves every file unchanged.
 *
 * @throws ConfigError naming the file, and the files already written when a later write fails.
 */
export async function writePlannedChanges(changes: readonly FileChange[], lockTimeoutMs?: number): Promise<WriteFileAtomicResult[]> {
  const targets: string[] = [];
  for (const change of changes) {
    const target = await resolveSymlinkTarget(change.path);
    await explainFileSystemError(change.path, 'create the directory of', () => makeDirectory(dirname(target)));
    targets.push(target);
  }

  return withFileLocks(targets, lockTimeoutMs, async () => {
    for (const change of changes) {
      const current = await readTextFile(change.path);
      if (current !== change.before) {
        throw new ConfigError(`${change.path} changed while configure was running, so configure wrote nothing. Run configure again.`, { file: change.path });
      }

      await checkReplaceable(change.path);
    }

    const results: WriteFileAtomicResult[] = [];
    for (const change of changes) {
      try {
        results.push(await explainFileSystemError(change.path, 'write', () => writeFileAtomic(change.path, change.after)));
      } catch (error) {
        throw describePartialWrite(error, change.path, results);
      }
    }

    return results;
  });
}

/** Runs `action` while holding the lock of every target, taken in a fixed order so that two runs cannot deadlock. */
async function withFileLocks<T>(targets: readonly string[], timeoutMs: number | undefined, action: () => Promise<T>): Promise<T> {
  const [first, ...rest] = [...new Set(targets)].sort();
  if (first === undefined) {
    return action();
  }

  return explainFileSystemError(first, 'lock', () => withFileLock(first, () => withFileLocks(rest, timeoutMs, action), timeoutMs));
}

async function explainFileSystemError<T>(path: string, action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw describeFileSystemError(error, path, action) ?? error;
  }
}

/** Adds to a write error which files were already written, because the two files now disagree. */
function describePartialWrite(error: unknown, path: string, written: readonly WriteFileAtomicResult[]): unknown {
  if (written.length === 0) {
    return error;
  }

  const reason = error instanceof Error ? error.message : String(error);
  const list = written.map((result) => (result.backup === undefined ? result.target : `${result.target} (previous content in ${result.backup})`)).join(' and ');
  return new ConfigError(
    `configure wrote ${list}, but writing ${path} failed: ${reason} The files now disagree: fix the problem and run configure again, or restore the previous content from the backup.`,
    { file: path, cause: error },
  );
}
