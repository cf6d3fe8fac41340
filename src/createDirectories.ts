import { lstatSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` and its missing parents one at a time, from the nearest existing ancestor down,
 * and returns the directories it created, outermost first. Node's recursive mkdir is not used:
 * it reports ENOENT for a parent on a read-only file system, and under /proc it never returns.
 */
export function createDirectories(path: string, mode: number): string[] {
  const missing: string[] = [];
  for (let current = path; !exists(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) {
      break;
    }
  }

  const created: string[] = [];
  for (const directory of missing) {
    try {
      mkdirSync(directory, { mode });
      created.push(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }

  return created;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return false;
    }

    throw error;
  }
}
