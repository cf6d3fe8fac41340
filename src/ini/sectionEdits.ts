import { insertLinesAfter, type IniEdits } from './applyIniEdits';
import { lastContentLine, type IniSectionRange } from './findIniSections';
import type { IniLine } from './scanIni';

/**
 * Plans a new section at the end of the file: after the last non-blank line, separated from it by
 * one blank line. Trailing blank lines stay at the end, so `removeSectionHeader` can undo this
 * exactly by removing the header and the blank line before it.
 */
export function appendSection(lines: readonly IniLine[], edits: IniEdits, sectionLines: readonly string[]): void {
  const lastNonBlank = lines.findLastIndex((line) => line.kind !== 'blank');
  if (lastNonBlank === -1) {
    insertLinesAfter(edits, -1, sectionLines);
    return;
  }

  insertLinesAfter(edits, lastNonBlank, ['', ...sectionLines]);
}

/**
 * Plans the removal of a section's header and of the blank line that separates it from the line
 * before. A section at the top of the file takes the blank line after its content instead, when
 * another section follows, so that the file does not start with a blank line.
 */
export function removeSectionHeader(lines: readonly IniLine[], edits: IniEdits, range: IniSectionRange): void {
  edits.remove.add(range.header);

  const before = range.header - 1;
  if (before >= 0) {
    if (lines[before]?.kind === 'blank' && !edits.remove.has(before)) {
      edits.remove.add(before);
    }

    return;
  }

  const after = lastContentLine(lines, range) + 1;
  if (range.end < lines.length && after < range.end && lines[after]?.kind === 'blank') {
    edits.remove.add(after);
  }
}

/** Returns whether any key, sub-key, continuation or other non-comment line of the section survives `edits`. */
export function sectionKeepsContent(lines: readonly IniLine[], edits: IniEdits, range: IniSectionRange): boolean {
  for (let index = range.header + 1; index < range.end; index += 1) {
    const kind = lines[index]?.kind;
    if ((kind === 'key' || kind === 'subkey' || kind === 'continuation' || kind === 'other') && !edits.remove.has(index)) {
      return true;
    }
  }

  return false;
}
