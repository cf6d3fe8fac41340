import { redact } from './log';

/**
 * Exit codes of the command line. Usage and configuration problems are 2 so that scripts can tell
 * "fix your setup" apart from "Vault or the network failed" (1).
 */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Base of every error the tool reports to the user. `message` is safe to print and to store: any
 * token or key of this run that a server echoed into it is hidden when the error is made.
 */
export class VaultAwsError extends Error {
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
  }
}

/** Wrong command-line arguments. */
export class UsageError extends VaultAwsError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: EXIT_USAGE });
  }
}

/** An invalid or missing setting in the profile map, a Vault CLI file or an environment variable. */
export class ConfigError extends VaultAwsError {
  readonly file: string | undefined;

  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause, exitCode: EXIT_USAGE });
    this.file = options.file;
  }
}

/** A problem with the on-disk cache that the user must fix (ownership, permissions, lock timeout). */
export class CacheError extends VaultAwsError {
  readonly path: string;

  constructor(message: string, path: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.path = path;
  }
}

export function isVaultAwsError(error: unknown): error is VaultAwsError {
  return error instanceof VaultAwsError;
}
