import { writeSync } from 'node:fs';
import { handleStdoutErrors } from './stdoutFailure';

/**
 * Writes text to stdout with write(2) on descriptor 1. Creating `process.stdout` loads Node's stream
 * and socket modules, which costs a few milliseconds on every cache hit; the output here is one
 * small line. A non-blocking pipe that is full (EAGAIN) falls back to `process.stdout`.
 */
export function writeToStdout(text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(1, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        throw error;
      }

      handleStdoutErrors();
      process.stdout.write(buffer.subarray(offset));
      return;
    }
  }
}
