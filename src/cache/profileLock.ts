import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { CacheError } from '../errors';
import { debug } from '../log';
import { currentProcessIdentity, isOwnerCertainlyGone, type ProcessIdentity } from './processIdentity';
import { readCacheFile } from './readCacheFile';
import { temporaryPath } from './writeCacheFile';

/*
 * An advisory lock that stops parallel invocations from fetching the same credentials from Vault
 * several times. Readers never take it: cache entries are replaced atomically. The lock file holds
 * the owner's identity (see ProcessIdentity) and is created with its content in one step, by
 * hard-linking a file already written. The owner touches its mtime every HEARTBEAT_MS. A lock is
 * stale, and taken over, in four cases. Its owner has certainly exited (same PID namespace, PID
 * gone). Its mtime stopped moving for STALE_MS (an owner on another host or in another PID
 * namespace, or a frozen process). It has had no readable owner for OWNERLESS_STALE_MS. Its mtime
 * lies more than CLOCK_TOLERANCE_MS in the future.
 */

const HEARTBEAT_MS = 2_000;
export const STALE_MS = 10_000;

/**
 * A lock without a readable owner older than this is stale. Locks made by link() always have an
 * owner. One made by the fallback for file systems without hard links is empty only from its
 * creation to the owner write, which follows at once.
 */
export const OWNERLESS_STALE_MS = 1_000;

/** How far another host's clock may run ahead of this one before its lock's mtime is distrusted. */
export const CLOCK_TOLERANCE_MS = 5_000;

/** Largest lock file read; a real one is under 200 bytes. */
const MAX_LOCK_BYTES = 4096;

export interface ProfileLock {
  /** True when another process held the lock first, so the cache may have changed meanwhile. */
  waited: boolean;
  release(): void;
}

interface LockState {
  stale: boolean;
  inode: number;
  mtimeMs: number;
  description: string;
  /** The reason the owner could not be read, for debug output. */
  ownerProblem: string | undefined;
}

/** The lock's owner still held it at the deadline. */
export class LockTimeoutError extends CacheError {}

/** Takes the lock at `path`, waiting for its owner until `deadline` (milliseconds since the epoch). */
export async function acquireProfileLock(path: string, deadline: number): Promise<ProfileLock> {
  let waited = false;
  let pause = 25;
  let lastProblem: string | undefined;
  let repeats = 0;
  let observed: { inode: number; mtimeMs: number; since: number } | undefined;
  for (;;) {
    const lock = tryCreate(path, waited);
    if (lock !== undefined) {
      return lock;
    }

    const holder = inspect(path);
    if (holder === undefined) {
      continue;
    }

    // One debug line per distinct problem, with the count of repeats once it changes.
    if (holder.ownerProblem !== lastProblem) {
      if (repeats > 0) {
        debug(`lock: the previous message repeated ${repeats} times`);
      }

      if (holder.ownerProblem !== undefined) {
        debug(`lock: cannot read the owner of ${path} (${holder.ownerProblem})`);
      }

      lastProblem = holder.ownerProblem;
      repeats = 0;
    } else if (holder.ownerProblem !== undefined) {
      repeats += 1;
    }

    // The heartbeat must be seen to move: a clock ahead of this one cannot keep a dead lock alive longer.
    if (observed === undefined || observed.inode !== holder.inode || observed.mtimeMs !== holder.mtimeMs) {
      observed = { inode: holder.inode, mtimeMs: holder.mtimeMs, since: Date.now() };
    }

    const unchangedMs = Date.now() - observed.since;
    if (holder.stale || unchangedMs > (holder.ownerProblem === undefined ? STALE_MS : OWNERLESS_STALE_MS)) {
      debug(`lock: taking over stale lock ${path} (${holder.description})`);
      takeOver(path, holder.inode);
      continue;
    }

    if (Date.now() >= deadline) {
      throw new LockTimeoutError(
        `timed out waiting for the lock ${path} held by ${holder.description}; if no vault-aws process is running, delete that file`,
        path,
      );
    }

    waited = true;
    await new Promise((resolve) => setTimeout(resolve, pause + Math.floor(Math.random() * pause)));
    pause = Math.min(pause * 2, 200);
  }
}

/**
 * Creates the lock with the owner already in it: the owner is written to a temporary file, which
 * is then hard-linked to `path` (link fails if `path` exists). Returns undefined when the lock
 * exists. A write failure (ENOSPC) removes the temporary file and leaves no lock behind.
 */
function tryCreate(path: string, waited: boolean): ProfileLock | undefined {
  const owner = JSON.stringify(currentProcessIdentity());
  const temporary = temporaryPath(path);
  const descriptor = openSync(temporary, 'wx', 0o600);
  let linked = false;
  try {
    writeSync(descriptor, owner);
    linkSync(temporary, path);
    linked = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    closeSync(descriptor);
    removeQuietly(temporary);
    if (code === 'EEXIST' || code === 'ENOENT') {
      // ENOENT: the temporary file was removed by `cache clear` before the link; try again.
      return undefined;
    }

    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      return createWithoutLink(path, owner, waited);
    }

    throw error;
  } finally {
    if (linked) {
      removeQuietly(temporary);
    }
  }

  return holdLock(path, descriptor, waited);
}

/** Creates the lock on a file system without hard links; an owner write that fails removes the lock. */
function createWithoutLink(path: string, owner: string, waited: boolean): ProfileLock | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return undefined;
    }

    throw error;
  }

  try {
    writeSync(descriptor, owner);
  } catch (error) {
    const inode = fstatSync(descriptor).ino;
    closeSync(descriptor);
    removeIfSameInode(path, inode);
    throw error;
  }

  return holdLock(path, descriptor, waited);
}

function holdLock(path: string, descriptor: number, waited: boolean): ProfileLock {
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
      removeIfSameInode(path, inode);
    },
  };
}

function inspect(path: string): LockState | undefined {
  const read = readCacheFile(path, MAX_LOCK_BYTES);
  if (read.text === undefined && read.stats === undefined) {
    if (read.problem === 'missing') {
      // Released between our attempt and this look: try again at once.
      return undefined;
    }

    // A symbolic link (ELOOP) or another open failure: judge the link itself.
    try {
      const stats = lstatSync(path);
      return judge(undefined, `${read.problem}${read.code === undefined ? '' : ` ${read.code}`}`, stats.mtimeMs, stats.ino);
    } catch {
      return undefined;
    }
  }

  const stats = read.stats as Stats;
  if (read.text === undefined) {
    return judge(undefined, read.problem, stats.mtimeMs, stats.ino);
  }

  const owner = parseOwner(read.text);
  if (owner === undefined) {
    return judge(undefined, read.text === '' ? 'empty' : 'not an owner record', stats.mtimeMs, stats.ino);
  }

  return judge(owner, undefined, stats.mtimeMs, stats.ino);
}

function judge(owner: ProcessIdentity | undefined, ownerProblem: string | undefined, mtimeMs: number, inode: number): LockState {
  const age = Date.now() - mtimeMs;
  const description = owner === undefined ? 'an unknown process' : `process ${owner.pid} on ${owner.host}`;
  const stale =
    (owner !== undefined && isOwnerCertainlyGone(owner)) ||
    (owner === undefined && age > OWNERLESS_STALE_MS) ||
    age > STALE_MS ||
    age < -CLOCK_TOLERANCE_MS;
  return { stale, inode, mtimeMs, description, ownerProblem };
}

function parseOwner(text: string): ProcessIdentity | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }

  const owner = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (!Number.isSafeInteger(owner['pid']) || (owner['pid'] as number) <= 0 || typeof owner['host'] !== 'string') {
    return undefined;
  }

  const optional = (key: string): string | undefined => (typeof owner[key] === 'string' ? owner[key] : undefined);
  return { pid: owner['pid'] as number, host: owner['host'], bootId: optional('bootId'), pidNamespace: optional('pidNamespace'), startTime: optional('startTime') };
}

/**
 * Removes the lock at `path` if it is stale, the way a waiting process takes it over, so that a
 * lock created by another process in the meantime is never removed. Returns `live` when a running
 * process owns it. Throws the rename error (EROFS, EACCES) when the lock cannot be moved.
 */
export function removeStaleLock(path: string): 'removed' | 'live' | 'missing' {
  const holder = inspect(path);
  if (holder === undefined) {
    return 'missing';
  }

  if (!holder.stale) {
    return 'live';
  }

  const outcome = takeOver(path, holder.inode);
  if (outcome === 'removed') {
    return 'removed';
  }

  if (outcome === 'replaced') {
    return 'live';
  }

  if (outcome.code === 'ENOENT') {
    return 'missing';
  }

  throw outcome;
}

/**
 * Moves a stale lock aside and deletes it. Two processes may judge the same lock stale; if the file
 * moved aside turns out to be a newer lock, it is linked back (`replaced`), which fails harmlessly
 * if a third process created one meanwhile. Returns the rename error when the lock was not moved.
 */
function takeOver(path: string, staleInode: number): 'removed' | 'replaced' | NodeJS.ErrnoException {
  const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }

  try {
    if (lstatSync(aside).ino === staleInode) {
      return 'removed';
    }

    linkSync(aside, path);
  } catch {
    // A lock created meanwhile stays in place.
  } finally {
    removeQuietly(aside);
  }

  return 'replaced';
}

function removeIfSameInode(path: string, inode: number): void {
  try {
    if (lstatSync(path).ino === inode) {
      unlinkSync(path);
    }
  } catch {
    // Already gone.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
