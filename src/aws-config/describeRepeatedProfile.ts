import type { IniSectionRange } from '../ini/findIniSections';
import type { IniLine } from '../ini/scanIni';

/** Returns a warning for a profile that more than one section defines, naming the section configure edited. */
export function describeRepeatedProfile(lines: readonly IniLine[], ranges: readonly IniSectionRange[], edited: IniSectionRange, profile: string, file: string): string {
  const lineNumbers = ranges.map((range) => lines[range.header]?.lineNumber ?? range.header + 1);
  const editedLine = lines[edited.header]?.lineNumber ?? edited.header + 1;

  return (
    `Profile "${profile}" is defined by ${ranges.length} sections in ${file} (lines ${lineNumbers.join(', ')}). ` +
    'The AWS CLI rejects a file that repeats a section header, the JavaScript SDK merges repeated sections, and for "default" the two prefer different sections. ' +
    `configure edited the section at line ${editedLine}; merge the sections into one.`
  );
}
