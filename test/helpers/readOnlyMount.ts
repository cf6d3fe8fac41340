import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const mounts: string[] = [];

/** Mounts a 1 MiB tmpfs at `path` with mode 0700, runs `prepare` in it, then remounts it read-only. Needs root. */
export function readOnlyMount(path: string, prepare: () => void): void {
  mkdirSync(path, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', path]);
  mounts.push(path);
  prepare();
  execFileSync('mount', ['-o', 'remount,ro', path]);
}

/** Unmounts every file system that readOnlyMount mounted; call it in afterEach. */
export function unmountAll(): void {
  for (const mount of mounts.splice(0)) {
    spawnSync('umount', ['-l', mount]);
  }
}
