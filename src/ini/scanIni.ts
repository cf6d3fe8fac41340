/**
 * A line scanner for the INI dialect of the AWS config files, shared by every reader and writer in
 * this tool so that they agree on what a line is.
 *
 * It keeps every byte: joining `raw + eol` over all lines gives back the input exactly. It uses only
 * built-in JavaScript because the cache-hit path reads the profile map with it.
 */
export type IniLineKind = 'blank' | 'comment' | 'section' | 'key' | 'subkey' | 'continuation' | 'other';

export interface IniLine {
  /** The line without its line ending. */
  raw: string;
  /** `\n`, `\r\n`, or `` for a last line without one. */
  eol: string;
  /** 1-based. */
  lineNumber: number;
  kind: IniLineKind;
  /** For `section` lines: the text between the brackets, trimmed (`profile dev`, `default`). */
  section?: string;
  /** For `key` and `subkey` lines: the name before `=`, trimmed. */
  key?: string;
  /** For `key` and `subkey` lines: the text after `=`, trimmed, with the inline comment removed. */
  value?: string;
}

const SECTION_PATTERN = /^\s*\[([^\]]*)\]\s*(?:[#;].*)?$/;
const COMMENT_PATTERN = /^\s*[#;]/;

export function scanIni(text: string): IniLine[] {
  const lines: IniLine[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|\r(?!\n)|$)/g;
  let lineNumber = 0;
  let insideKeyWithSubkeys = false;
  // Indentation of the last key line since the last header, as Python's configparser tracks it.
  let keyIndent: number | undefined;

  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const raw = match[1] ?? '';
    const eol = match[2] ?? '';
    if (raw === '' && eol === '') {
      break;
    }

    lineNumber += 1;
    const indent = raw.length - raw.trimStart().length;
    const deeper = keyIndent !== undefined && indent > keyIndent;
    const line = classifyLine(raw, eol, lineNumber, deeper, insideKeyWithSubkeys);
    lines.push(line);

    if (line.kind === 'section') {
      insideKeyWithSubkeys = false;
      keyIndent = undefined;
    } else if (!deeper && (line.kind === 'key' || line.kind === 'other')) {
      // An empty value followed by indented lines is a nested block (`s3 =` then `  max_concurrent_requests = 20`).
      insideKeyWithSubkeys = line.kind === 'key' && line.value === '';
      keyIndent = indent;
    }
  }

  return lines;
}

/**
 * Classifies one line. `deeper` says that the line is indented deeper than the last key line of its
 * section: botocore's configparser (Python 3.11) then appends it to that key's value, even across
 * blank and comment lines, and even when it looks like a header or a key. After a key with an empty
 * value such lines are the nested block that both botocore and the AWS SDK for JavaScript read.
 */
function classifyLine(raw: string, eol: string, lineNumber: number, deeper: boolean, insideKeyWithSubkeys: boolean): IniLine {
  const base = { raw, eol, lineNumber };

  if (raw.trim() === '') {
    return { ...base, kind: 'blank' };
  }

  if (COMMENT_PATTERN.test(raw)) {
    return { ...base, kind: 'comment' };
  }

  if (deeper && !insideKeyWithSubkeys) {
    return { ...base, kind: 'continuation' };
  }

  const section = SECTION_PATTERN.exec(raw);
  if (section !== null) {
    return { ...base, kind: 'section', section: (section[1] ?? '').trim() };
  }

  const equals = raw.indexOf('=');
  if (equals <= 0) {
    return { ...base, kind: 'other' };
  }

  const key = raw.slice(0, equals).trim();
  if (key === '') {
    // `  = value` has no key. The AWS SDK for JavaScript skips such a line.
    return { ...base, kind: 'other' };
  }

  const value = stripInlineComment(raw.slice(equals + 1)).trim();
  return { ...base, kind: deeper && insideKeyWithSubkeys ? 'subkey' : 'key', key, value };
}

/** Remove a `#` or `;` comment that follows whitespace, as the AWS SDK for JavaScript does. */
function stripInlineComment(value: string): string {
  const match = /\s[#;]/.exec(value);
  return match === null ? value : value.slice(0, match.index);
}

/**
 * Split a section header into its kind and name: `profile dev` gives `{ type: 'profile', name: 'dev' }`,
 * `default` gives `{ type: 'default', name: 'default' }`, `vault` gives `{ type: 'vault', name: '' }`.
 */
export function parseSectionName(section: string): { type: string; name: string } {
  const space = section.search(/\s/);
  if (space === -1) {
    return { type: section, name: section === 'default' ? 'default' : '' };
  }

  return { type: section.slice(0, space), name: section.slice(space).trim() };
}
