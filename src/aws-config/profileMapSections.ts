import { findIniSections, type IniSectionRange } from '../ini/findIniSections';
import { parseSectionName, type IniLine } from '../ini/scanIni';
import type { ProfileMapField } from './configureValues';
import { PROFILE_MAP_KEYS } from './configureValues';

/**
 * Finds the sections of the profile map that belong to `profile`: `[profile NAME]`, and for
 * `default` also `[default]`, as the profile map reader accepts both.
 */
export function findProfileMapSections(lines: readonly IniLine[], profile: string): IniSectionRange[] {
  return findIniSections(lines, (section) => {
    const { type, name } = parseSectionName(section);
    return (type === 'profile' || type === 'default') && name === profile;
  });
}

/** Reads the profile's settings from the profile map; a later section or line wins over an earlier one. */
export function readProfileMapEntry(lines: readonly IniLine[], profile: string): Partial<Record<ProfileMapField, string>> {
  const entry: Partial<Record<ProfileMapField, string>> = {};

  for (const range of findProfileMapSections(lines, profile)) {
    for (let index = range.header + 1; index < range.end; index += 1) {
      const line = lines[index];
      const known = PROFILE_MAP_KEYS.find((candidate) => candidate.key === line?.key?.toLowerCase());
      if (line?.kind === 'key' && known !== undefined && line.value !== undefined) {
        entry[known.field] = line.value;
      }
    }
  }

  return entry;
}
