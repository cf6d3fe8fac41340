/**
 * How the two AWS config parsers that configure is tested against read one line:
 *
 * - the AWS SDK for JavaScript v3 (`parseIni` in @smithy/core 3, used by @smithy/shared-ini-file-loader 4.7),
 * - botocore 1.29 `configloader.py`, used by the AWS CLI v2 and boto3, on Python 3.11's RawConfigParser.
 *
 * configure compares the two readings and rejects a file where they differ at a place it edits,
 * instead of guessing which client the user meant.
 */
import type { IniLine } from '../ini/scanIni';

/** The JavaScript SDK's `prefixKeyRegex`, written with `-` last so that it is not read as a range. */
const JAVASCRIPT_PREFIX_KEY = /^([\w-]+)\s(["'])?([\w@+.%:/-]+)\2$/;

/** Python's `str.strip()` whitespace. Unlike JavaScript's `\s`, it has no byte order mark (U+FEFF). */
const PYTHON_WHITESPACE = '[ \\t\\n\\v\\f\\r\\x1c-\\x1f\\x85\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PYTHON_LEADING = new RegExp(`^${PYTHON_WHITESPACE}+`);
const PYTHON_TRAILING = new RegExp(`${PYTHON_WHITESPACE}+$`);

export interface JavaScriptSdkHeader {
  /** The section name between the brackets, not trimmed. */
  section: string;
  /** The profile this header opens (`default` for `[default]`), or `undefined` for another section. */
  profile: string | undefined;
}

/**
 * Returns how the JavaScript SDK reads `raw` as a header, or `undefined` when it is no header there.
 * That SDK cuts a comment only after whitespace, trims, and needs `[` first and `]` last.
 */
export function readJavaScriptSdkHeader(raw: string): JavaScriptSdkHeader | undefined {
  const trimmed = (raw.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
  if (!(trimmed.startsWith('[') && trimmed.endsWith(']')) || trimmed.length < 2) {
    return undefined;
  }

  const section = trimmed.slice(1, -1);
  return { section, profile: javaScriptProfileName(section) };
}

function javaScriptProfileName(section: string): string | undefined {
  if (section === 'default') {
    return 'default';
  }

  const match = JAVASCRIPT_PREFIX_KEY.exec(section);
  if (match !== null) {
    return match[1] === 'profile' ? match[3] : undefined;
  }

  // `getConfigData` keeps an unmatched name whose text before the first dot is `profile`: `[profile.dev]` is dev.
  const dot = section.indexOf('.');
  return dot !== -1 && section.slice(0, dot) === 'profile' ? section.slice(dot + 1) : undefined;
}

/** Returns the key the JavaScript SDK reads on a line of `key = value`, case kept, or `undefined`. */
export function readJavaScriptSdkKey(raw: string): string | undefined {
  const trimmed = (raw.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
  const equals = trimmed.indexOf('=');
  return equals > 0 ? trimmed.slice(0, equals).trim() : undefined;
}

export type BotocoreLineKind = 'blank' | 'comment' | 'header' | 'option' | 'continuation' | 'before-section' | 'invalid';

export interface BotocoreLine {
  kind: BotocoreLineKind;
  /** For headers: the section name, which configparser takes from `[` to the last `]` of the stripped line. */
  section?: string;
  /** For headers: the profile it opens, as `build_profile_map` splits the name with shlex. */
  profile?: string | undefined;
  /** For options: the name, lowercased as configparser's `optionxform` does. */
  key?: string;
  /** For options: everything after `=` or `:`, stripped. botocore has no inline comments. */
  value?: string;
  /** For continuation lines: the index of the line whose value they extend. */
  continues?: number;
}

/**
 * Reads every line as botocore does. configparser joins a line indented deeper than the last key to
 * that key's value, across blank and comment lines, before it looks for a header.
 */
export function readBotocoreLines(lines: readonly IniLine[]): BotocoreLine[] {
  const readings: BotocoreLine[] = [];
  let inSection = false;
  let lastOption: number | undefined;
  let indentLevel = 0;

  lines.forEach((line, index) => {
    const stripped = pythonStrip(line.raw);
    if (stripped === '') {
      readings.push({ kind: 'blank' });
      return;
    }

    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      readings.push({ kind: 'comment' });
      return;
    }

    const indent = line.raw.length - line.raw.replace(PYTHON_LEADING, '').length;
    if (inSection && lastOption !== undefined && indent > indentLevel) {
      readings.push({ kind: 'continuation', continues: lastOption });
      return;
    }

    indentLevel = indent;
    const header = readBotocoreHeader(stripped);
    if (header !== undefined) {
      inSection = true;
      lastOption = undefined;
      readings.push({ kind: 'header', ...header });
      return;
    }

    if (!inSection) {
      readings.push({ kind: 'before-section' });
      return;
    }

    const option = /^(.*?)\s*[=:]\s*(.*)$/.exec(stripped);
    if (option === null || (option[1] ?? '') === '') {
      readings.push({ kind: 'invalid' });
      return;
    }

    lastOption = index;
    readings.push({ kind: 'option', key: (option[1] ?? '').trimEnd().toLowerCase(), value: pythonStrip(option[2] ?? '') });
  });

  return readings;
}

/** Returns how botocore reads `raw` as a header where no key value continues, or `undefined`. */
export function readBotocoreHeader(raw: string): { section: string; profile: string | undefined } | undefined {
  const header = /^\[(.+)\]/.exec(pythonStrip(raw));
  if (header === null) {
    return undefined;
  }

  const section = header[1] ?? '';
  return { section, profile: botocoreProfileName(section) };
}

function botocoreProfileName(section: string): string | undefined {
  if (section === 'default') {
    return 'default';
  }

  if (!section.startsWith('profile')) {
    return undefined;
  }

  const parts = shlexSplit(section);
  return parts?.length === 2 ? parts[1] : undefined;
}

function pythonStrip(text: string): string {
  return text.replace(PYTHON_LEADING, '').replace(PYTHON_TRAILING, '');
}

/**
 * Splits `text` as Python's `shlex.split` does in POSIX mode without comments, or returns
 * `undefined` where it raises (an unclosed quote or a trailing backslash).
 */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (quote === "'") {
      if (character === "'") {
        quote = undefined;
      } else {
        word += character;
      }
    } else if (quote === '"') {
      if (character === '"') {
        quote = undefined;
      } else if (character === '\\' && ['"', '\\', '$', '`'].includes(text[index + 1] ?? '')) {
        index += 1;
        word += text[index] ?? '';
      } else {
        word += character;
      }
    } else if (/\s/.test(character)) {
      if (word !== undefined) {
        words.push(word);
        word = undefined;
      }
    } else if (character === '"' || character === "'") {
      quote = character;
      word ??= '';
    } else if (character === '\\') {
      if (index + 1 >= text.length) {
        return undefined;
      }

      index += 1;
      word = (word ?? '') + (text[index] ?? '');
    } else {
      word = (word ?? '') + character;
    }
  }

  if (quote !== undefined) {
    return undefined;
  }

  if (word !== undefined) {
    words.push(word);
  }

  return words;
}
