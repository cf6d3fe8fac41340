import type { IniLine } from './scanIni';

/** The lines of one `[section]`: its header and everything up to the next header. */
export interface IniSectionRange {
  /** Index of the header line. */
  header: number;
  /** Index of the next header, or the line count for the last section (exclusive). */
  end: number;
  /** The header text between the brackets, trimmed. */
  section: string;
}

/** Finds every section whose header text satisfies `match`, in file order. */
export function findIniSections(lines: readonly IniLine[], match: (section: string) => boolean): IniSectionRange[] {
  const ranges: IniSectionRange[] = [];

  lines.forEach((line, index) => {
    if (line.kind === 'section' && line.section !== undefined && match(line.section)) {
      ranges.push({ header: index, end: nextHeaderIndex(lines, index), section: line.section });
    }
  });

  return ranges;
}

function nextHeaderIndex(lines: readonly IniLine[], header: number): number {
  for (let index = header + 1; index < lines.length; index += 1) {
    if (lines[index]?.kind === 'section') {
      return index;
    }
  }

  return lines.length;
}

/**
 * Returns the index of the section's last key, sub-key, continuation or other non-comment line, or of its header
 * when it has none. New keys go right after it: before the comments and blank lines that usually
 * introduce the next section, and never between a key and its indented sub-keys.
 */
export function lastContentLine(lines: readonly IniLine[], range: IniSectionRange): number {
  for (let index = range.end - 1; index > range.header; index -= 1) {
    const kind = lines[index]?.kind;
    if (kind === 'key' || kind === 'subkey' || kind === 'continuation' || kind === 'other') {
      return index;
    }
  }

  return range.header;
}

/**
 * Returns the indices of the top-level `key = value` lines named `key` in the section. Names match
 * case-insensitively, because Python's configparser lowercases them: `Region` and `region` collide.
 */
export function findKeyLines(lines: readonly IniLine[], range: IniSectionRange, key: string): number[] {
  const lowerCaseKey = key.toLowerCase();
  const indices: number[] = [];
  for (let index = range.header + 1; index < range.end; index += 1) {
    const line = lines[index];
    if (line?.kind === 'key' && line.key?.toLowerCase() === lowerCaseKey) {
      indices.push(index);
    }
  }

  return indices;
}
