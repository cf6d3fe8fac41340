import { open, readFile, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { ConfigError } from '../errors';

const RETRY_INTERVAL_MS = 100;
/** Long enough for another configure to finish writing, and short enough that nobody waits long. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Runs `action` while holding `<path>.vault-aws.lock`, so that two configure runs cannot
 * interleave their read-modify-write of the same file. The lock file contains the holder's PID,
 * and a lock whose process no longer runs is taken over.
 */
export async function withFileLock<T>(path: string, action: () => Promise<T>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  const lockPath = `${path}.vault-aws.lock`;
  await acquireLock(lockPath, timeoutMs);

  try {
    return await action();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function acquireLock(lockPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
        throw error;
      }
    }

    const holder = await readHolder(lockPath);
    if (holder !== undefined && !isProcessRunning(holder)) {
      // NOTE: if two waiters find the same dead holder, the slower one can delete the lock that the
      // faster one has just taken. configure is run by hand, so this needs three runs at once.
      await unlink(lockPath).catch(() => undefined);
      continue;
    }

    if (Date.now() >= deadline) {
      const holderDescription = holder === undefined ? 'another process' : `process ${holder}`;
      throw new ConfigError(`Timed out waiting for ${lockPath}, held by ${holderDescription}. Wait for the other vault-aws configure to finish, or delete the lock file if no such process runs.`, { file: lockPath });
    }

    await sleep(RETRY_INTERVAL_MS);
  }
}

async function readHolder(lockPath: string): Promise<number | undefined> {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
