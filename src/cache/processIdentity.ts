import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { readCacheFile } from './readCacheFile';

/**
 * What a lock file records about its owner. On Linux, `bootId` and `pidNamespace` show whether a
 * reader shares the owner's PID namespace on the same running kernel, because containers may share
 * the hostname and the cache volume but not the PID namespace. `startTime` distinguishes a reused
 * PID from the owner.
 */
export interface ProcessIdentity {
  pid: number;
  host: string;
  /** /proc/sys/kernel/random/boot_id: changes at every boot, the same in every container of the kernel. */
  bootId?: string | undefined;
  /** The target of /proc/self/ns/pid, such as `pid:[4026531836]`. */
  pidNamespace?: string | undefined;
  /** Field 22 of /proc/PID/stat: start time in clock ticks after boot. */
  startTime?: string | undefined;
}

let current: ProcessIdentity | undefined;

/** Returns the identity of this process, read once. */
export function currentProcessIdentity(): ProcessIdentity {
  if (current === undefined) {
    current = { pid: process.pid, host: hostname() };
    if (process.platform === 'linux') {
      current.bootId = readProcFile('/proc/sys/kernel/random/boot_id')?.trim();
      current.pidNamespace = readNamespace();
      current.startTime = startTimeOf('self');
    }
  }

  return current;
}

/**
 * Tells whether the process that wrote `owner` has certainly exited: true only when it ran in this
 * PID namespace on this boot of this kernel (or, off Linux, on this host, where PIDs have one
 * namespace) and its PID is now free or belongs to a process started at another time. Anything
 * uncertain returns false, so that the caller falls back to the heartbeat.
 */
export function isOwnerCertainlyGone(owner: ProcessIdentity): boolean {
  const self = currentProcessIdentity();
  if (owner.pid === self.pid && owner.host === self.host) {
    return false;
  }

  if (process.platform === 'linux') {
    const sameNamespace = self.bootId !== undefined && self.pidNamespace !== undefined && owner.bootId === self.bootId && owner.pidNamespace === self.pidNamespace;
    if (!sameNamespace) {
      return false;
    }

    if (!isProcessAlive(owner.pid)) {
      return true;
    }

    const startTime = startTimeOf(String(owner.pid));
    return owner.startTime !== undefined && startTime !== undefined && startTime !== owner.startTime;
  }

  return owner.host === self.host && !isProcessAlive(owner.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

function startTimeOf(pid: string): string | undefined {
  const stat = readProcFile(`/proc/${pid}/stat`);
  if (stat === undefined) {
    return undefined;
  }

  // The command name in field 2 may contain spaces and parentheses, so count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function readProcFile(path: string): string | undefined {
  return readCacheFile(path, 4096).text;
}
