import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Returns a new temporary file name for `path` in the same directory, `NAME.PID.HEX12.tmp`, the
 * form that classifyCacheFile recognizes as a temporary file of NAME.
 */
export function temporaryPath(path: string): string {
  return join(dirname(path), `${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes a cache file so that no reader ever sees it half-written. The content goes to a new
 * temporary file in the same directory, created with mode 0600 rather than chmod-ed later. The file
 * is flushed to disk, then renamed over the old one. Renaming replaces a symbolic link at `path`
 * rather than writing through it.
 */
export function writeCacheFile(path: string, content: string): void {
  const temporary = temporaryPath(path);
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    try {
      writeSync(descriptor, content);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }

    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never created; nothing to clean up.
    }

    throw error;
  }
}
