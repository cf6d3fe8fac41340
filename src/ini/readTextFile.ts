import { readFile } from 'node:fs/promises';

import { ConfigError } from '../errors';
import { describeFileSystemError } from './describeFileSystemError';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a UTF-8 text file, following symlinks, and returns `undefined` when it does not exist.
 * A byte order mark stays in the text so that writing the text back reproduces the file exactly.
 */
export async function readTextFile(path: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }

    throw describeFileSystemError(error, path, 'read') ?? new ConfigError(`Cannot read ${path}: ${describe(error)}. Check that the file is readable.`, { file: path, cause: error });
  }

  try {
    return decoder.decode(bytes);
  } catch (error) {
    // Decoding with replacement characters would change those bytes when the text is written back.
    throw new ConfigError(`${path} is not valid UTF-8 text, so it cannot be edited without changing its bytes. Convert it to UTF-8 and run the command again.`, { file: path, cause: error });
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
