import { writeSync } from 'node:fs';
import { EXIT_FAILURE } from '../errors';

/**
 * Ends the program after a write to stdout failed. EPIPE means the reader has gone (`| head -1`),
 * so the program exits quietly with the exit code it already had. Any other error (ENOSPC on a full
 * disk or /dev/full, EIO) is reported in one line on stderr, with exit code 1.
 */
export function exitAfterStdoutFailure(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EPIPE') {
    process.exit();
  }

  try {
    writeSync(2, `vault-aws: writing to stdout failed: ${code ?? String(error)}\n`);
  } catch {
    // stderr is gone too; the exit code is all that is left.
  }

  process.exit(EXIT_FAILURE);
}

/** Sends the errors that process.stdout emits (the CLI and the miss path write through it) to exitAfterStdoutFailure. */
export function handleStdoutErrors(): void {
  process.stdout.on('error', exitAfterStdoutFailure);
}
