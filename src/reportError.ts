import { EXIT_FAILURE, VaultAwsError } from './errors';
import { isDebugEnabled, redact, UNSAFE_CHARACTERS } from './log';

/** Characters of an unexpected error's message that are printed. */
const MAX_UNEXPECTED_MESSAGE_LENGTH = 300;

/**
 * Prints an error as one line on stderr and sets the exit code: known errors with their own code
 * (2 for usage and configuration, 1 otherwise), anything else as a bug to report.
 */
export function reportError(error: unknown): void {
  if (error instanceof VaultAwsError) {
    process.stderr.write(`vault-aws: ${oneLine(redact(error.message))}\n`);
    process.exitCode = error.exitCode;
    return;
  }

  // An unexpected error may quote whatever input caused it, so only its start is printed.
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_UNEXPECTED_MESSAGE_LENGTH);
  process.stderr.write(`vault-aws: unexpected error: ${oneLine(redact(message))}; run again with --debug and report it\n`);
  if (isDebugEnabled() && error instanceof Error && error.stack !== undefined) {
    process.stderr.write(`${redact(error.stack)}\n`);
  }

  process.exitCode = EXIT_FAILURE;
}

/**
 * Keeps an error on one line and inert on a terminal: a value from the command line, a file or a
 * server may contain line breaks, escape sequences or direction overrides.
 */
function oneLine(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, ' ');
}
