import { applyIniEdits, createIniEdits, detectLineEnding, hasIniEdits, insertLinesAfter } from '../ini/applyIniEdits';
import { findKeyLines, lastContentLine } from '../ini/findIniSections';
import { replaceIniValue } from '../ini/replaceIniValue';
import { scanIni } from '../ini/scanIni';
import { appendSection } from '../ini/sectionEdits';
import type { ProfileMapField } from './configureValues';
import { DEFAULT_TTL, DEFAULT_VAULT_MOUNT, PROFILE_MAP_KEYS } from './configureValues';
import { parseDurationSeconds } from '../profiles/duration';
import { findProfileMapSections } from './profileMapSections';

/** For each field, `undefined` keeps the current line, and `''` or the default value removes it. */
export type ProfileMapUpdate = Partial<Record<ProfileMapField, string | undefined>>;

/**
 * Writes the profile's `[profile NAME]` section of the profile map: sets the given keys in place,
 * adds missing ones after the section's last key, and removes keys whose value is empty or the
 * default. Other sections, comments and keys keep their bytes.
 */
export function setProfileMapEntry(text: string, profile: string, update: ProfileMapUpdate): string {
  const lines = scanIni(text);
  const edits = createIniEdits();
  const target = findProfileMapSections(lines, profile).at(-1);

  if (target === undefined) {
    const keyLines = PROFILE_MAP_KEYS.flatMap(({ field, key }) => {
      const value = update[field];
      return value === undefined || isOmitted(field, value) ? [] : [`${key} = ${value}`];
    });
    appendSection(lines, edits, [`[profile ${profile}]`, ...keyLines]);
    return applyIniEdits(lines, edits, detectLineEnding(lines));
  }

  const inserted: string[] = [];
  for (const { field, key } of PROFILE_MAP_KEYS) {
    const value = update[field];
    const indices = findKeyLines(lines, target, key);
    if (value === undefined) {
      // The reader rejects a key that is not lowercase, and configure owns this section.
      for (const index of indices) {
        const line = lines[index];
        if (line !== undefined && line.key !== key) {
          edits.replace.set(index, line.raw.replace(line.key ?? key, key));
        }
      }

      continue;
    }

    if (isOmitted(field, value)) {
      indices.forEach((index) => edits.remove.add(index));
    } else if (indices.length === 0) {
      inserted.push(`${key} = ${value}`);
    } else {
      for (const index of indices) {
        const line = lines[index];
        if (line !== undefined && (line.value !== value || line.key !== key)) {
          edits.replace.set(index, replaceIniValue(line.raw.replace(line.key ?? key, key), value));
        }
      }
    }
  }

  if (inserted.length > 0) {
    insertLinesAfter(edits, lastContentLine(lines, target), inserted);
  }

  return hasIniEdits(edits) ? applyIniEdits(lines, edits, detectLineEnding(lines)) : text;
}

/** Returns whether the key is left out of the file: for an empty value, or one equal to the reader's default. */
function isOmitted(field: ProfileMapField, value: string): boolean {
  if (value === '') {
    return true;
  }

  if (field === 'vaultMount') {
    return value === DEFAULT_VAULT_MOUNT;
  }

  if (field === 'ttl') {
    return parseDurationSeconds(value) === parseDurationSeconds(DEFAULT_TTL);
  }

  return false;
}
