/**
 * Splits a command line into words the way Python's `shlex.split` does in POSIX mode. The AWS CLI
 * and botocore split `credential_process` that way. Single quotes keep everything literally, a
 * backslash escapes the next character outside quotes, and nothing is expanded. Returns undefined
 * for an unterminated quote or a trailing backslash, which shlex rejects.
 */
export function splitCommandLine(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let index = 0;

  while (index < line.length) {
    const character = line[index] as string;
    index += 1;

    if (/\s/.test(character)) {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }

      continue;
    }

    inWord = true;
    if (character === "'") {
      const end = line.indexOf("'", index);
      if (end === -1) {
        return undefined;
      }

      word += line.slice(index, end);
      index = end + 1;
    } else if (character === '"') {
      const end = readDoubleQuoted(line, index);
      if (end === undefined) {
        return undefined;
      }

      word += end.text;
      index = end.next;
    } else if (character === '\\') {
      if (index >= line.length) {
        return undefined;
      }

      word += line[index];
      index += 1;
    } else {
      word += character;
    }
  }

  if (inWord) {
    words.push(word);
  }

  return words;
}

/** Inside double quotes a backslash escapes only `\` and `"`, as in shlex's POSIX mode. */
function readDoubleQuoted(line: string, start: number): { text: string; next: number } | undefined {
  let text = '';
  for (let index = start; index < line.length; index += 1) {
    const character = line[index] as string;
    if (character === '"') {
      return { text, next: index + 1 };
    }

    const next = line[index + 1];
    if (character === '\\' && (next === '\\' || next === '"')) {
      text += next;
      index += 1;
    } else {
      text += character;
    }
  }

  return undefined;
}
