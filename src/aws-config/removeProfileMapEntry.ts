import { applyIniEdits, createIniEdits, detectLineEnding, hasIniEdits } from '../ini/applyIniEdits';
import { lastContentLine } from '../ini/findIniSections';
import { scanIni } from '../ini/scanIni';
import { removeSectionHeader } from '../ini/sectionEdits';
import { findProfileMapSections } from './profileMapSections';

/**
 * Removes the profile's `[profile NAME]` sections from the profile map: the header, the blank line
 * before it, and every line up to the section's last key. Comments and blank lines after the last
 * key stay, because they usually introduce the next section.
 */
export function removeProfileMapEntry(text: string, profile: string): { text: string; removed: boolean } {
  const lines = scanIni(text);
  const edits = createIniEdits();

  for (const range of findProfileMapSections(lines, profile)) {
    removeSectionHeader(lines, edits, range);
    for (let index = range.header + 1; index <= lastContentLine(lines, range); index += 1) {
      edits.remove.add(index);
    }
  }

  return hasIniEdits(edits) ? { text: applyIniEdits(lines, edits, detectLineEnding(lines)), removed: true } : { text, removed: false };
}
