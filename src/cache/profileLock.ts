import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, linkSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { CacheError } from '../errors';
import { debug } from '../log';

/*
 * An advisory lock that stops parallel invocations from fetching the same credentials from Vault
 * several times. Readers never take it: cache entries are replaced atomically. The lock file holds
 * the owner's pid and host; the owner touches its mtime every HEARTBEAT_MS. A lock is stale, and
 * taken over, when its owner process is gone on this host or its mtime stopped moving for STALE_MS
 * (an owner on another host of a shared home directory, or a frozen process).
 */

const HEARTBEAT_MS = 2_000;
export const STALE_MS = 10_000;

export interface ProfileLock {
  /** True when another process held the lock first, so the cache may have changed meanwhile. */
  waited: boolean;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
}

/** Takes the lock at `path`, waiting for its owner until `deadline` (milliseconds since the epoch). */
export async function acquireProfileLock(path: string, deadline: number): Promise<ProfileLock> {
  let waited = false;
  let pause = 25;
  for (;;) {
    const lock = tryCreate(path, waited);
    if (lock !== undefined) {
      return lock;
    }

    const holder = inspect(path);
    if (holder === undefined) {
      continue;
    }

    if (holder.stale) {
      debug(`lock: taking over stale lock ${path} (${holder.description})`);
      takeOver(path, holder.inode);
      continue;
    }

    if (Date.now() >= deadline) {
      throw new CacheError(
        `timed out waiting for the lock ${path} held by ${holder.description}; if no vault-aws process is running, delete that file`,
        path,
      );
    }

    waited = true;
    await new Promise((resolve) => setTimeout(resolve, pause + Math.floor(Math.random() * pause)));
    pause = Math.min(pause * 2, 200);
  }
}

function tryCreate(path: string, waited: boolean): ProfileLock | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return undefined;
    }

    throw error;
  }

  writeSync(descriptor, JSON.stringify({ pid: process.pid, host: hostname() } satisfies LockOwner));
  const inode = fstatSync(descriptor).ino;
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      futimesSync(descriptor, now, now);
    } catch {
      // The lock file was closed or removed; release() handles the rest.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let released = false;
  return {
    waited,
    release(): void {
      if (released) {
        return;
      }

      released = true;
      clearInterval(heartbeat);
      closeSync(descriptor);
      // Remove the file only if it is still this lock: another process may have taken it over.
      try {
        if (lstatSync(path).ino === inode) {
          unlinkSync(path);
        }
      } catch {
        // Already gone.
      }
    },
  };
}

function inspect(path: string): { stale: boolean; inode: number; description: string } | undefined {
  let stats;
  let owner: Partial<LockOwner> = {};
  try {
    stats = lstatSync(path);
    owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
  } catch (error) {
    if (stats === undefined) {
      // Released between our attempt and this look: try again at once.
      return undefined;
    }

    debug(`lock: cannot read owner of ${path} (${(error as Error).message})`);
  }

  const age = Date.now() - stats.mtimeMs;
  const description = typeof owner.pid === 'number' ? `process ${owner.pid} on ${String(owner.host)}` : 'an unknown process';
  const ownerGone = typeof owner.pid === 'number' && owner.host === hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
  return { stale: ownerGone || age > STALE_MS, inode: stats.ino, description };
}

/** Tells whether the lock at `path` may be removed: its owner is gone or its heartbeat stopped. */
export function isLockStale(path: string): boolean {
  return inspect(path)?.stale ?? true;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a stale lock aside and deletes it. Two processes may judge the same lock stale; if the file
 * moved aside turns out to be a newer lock, it is linked back, which fails harmlessly if a third
 * process created one meanwhile.
 */
function takeOver(path: string, staleInode: number): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }

  try {
    if (lstatSync(aside).ino !== staleInode) {
      linkSync(aside, path);
    }
  } catch {
    // A lock created meanwhile stays in place.
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      // Removed by the cleanup of another process.
    }
  }
}
