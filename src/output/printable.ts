import { UNSAFE_CHARACTERS } from '../log';

/**
 * Replaces control, C1, invisible and text-direction characters with `?`, as `ls -q` does, so that
 * a name taken from a file cannot move the cursor, split a row or reorder a line on a terminal.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '?');
}
