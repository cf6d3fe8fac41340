const SHORT_ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Quotes like Go's `strconv.Quote` and `%q`: printable characters stay, the rest become escapes. */
export function quoteGo(text: string): string {
  let quoted = '"';
  for (const character of text) {
    quoted += escapeCharacter(character);
  }

  return `${quoted}"`;
}

function escapeCharacter(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short !== undefined) {
    return short;
  }

  if (PRINTABLE.test(character)) {
    return character;
  }

  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x80) {
    return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  }

  if (codePoint <= 0xffff) {
    return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  }

  return `\\U${codePoint.toString(16).padStart(8, '0')}`;
}
