/** Compacts JSON like Go's `json.Compact`: drops whitespace outside strings and keeps everything else byte for byte. Throws on invalid JSON. */
export function compactJson(text: string): string {
  JSON.parse(text);

  let result = '';
  let inString = false;
  let escaped = false;
  for (const character of text) {
    if (inString) {
      result += character;
      if (escaped) {
        escaped = false;
      } else if (character === '\\') {
        escaped = true;
      } else if (character === '"') {
        inString = false;
      }

      continue;
    }

    if (character === '"') {
      inString = true;
    }

    if (!' \t\r\n'.includes(character)) {
      result += character;
    }
  }

  return result;
}
