type Environment = Record<string, string | undefined>;

export type Color = 'red' | 'green' | 'yellow' | 'dim' | 'bold';

const CODES: Record<Color, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  dim: [2, 22],
  bold: [1, 22],
};

/**
 * Tells whether output to `stream` may use colour: only on a terminal, never when NO_COLOR is set
 * to a non-empty value (https://no-color.org) or TERM is `dumb`.
 */
export function supportsColor(stream: { isTTY?: boolean }, env: Environment): boolean {
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') {
    return false;
  }

  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** Returns a function that wraps text in an ANSI colour when `enabled`, and returns it unchanged otherwise. */
export function createPainter(enabled: boolean): (color: Color, text: string) => string {
  return (color, text) => {
    if (!enabled) {
      return text;
    }

    const [open, close] = CODES[color];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
}
