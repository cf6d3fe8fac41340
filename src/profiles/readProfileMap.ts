import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors';
import { parseSectionName, scanIni } from '../ini/scanIni';
import { closestKey, PROFILE_KEYS, VAULT_SECTION_KEYS } from './profileKeys';

export interface SettingValue {
  value: string;
  lineNumber: number;
}

export interface ProfileSection {
  name: string;
  lineNumber: number;
  settings: Map<string, SettingValue>;
}

export interface ProfileMapProblem {
  severity: 'error' | 'warning';
  lineNumber: number;
  /** The profile whose section contains the problem; undefined for the `[vault]` section or top-level lines. */
  profile: string | undefined;
  message: string;
}

export interface ProfileMap {
  path: string;
  profiles: Map<string, ProfileSection>;
  vault: ProfileSection | undefined;
  problems: ProfileMapProblem[];
}

/** Reads the profile map; a missing file is a ConfigError that says how to create one. */
export function readProfileMap(path: string): ProfileMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ConfigError(
        `profile map ${path} does not exist; create it with "vault-aws configure --profile NAME --vault-role ROLE"`,
        { file: path, cause: error },
      );
    }

    throw new ConfigError(`cannot read the profile map ${path}: ${code ?? String(error)}`, { file: path, cause: error });
  }

  return parseProfileMap(text, path);
}

/** Parses profile map text, collecting every problem instead of stopping at the first. */
export function parseProfileMap(text: string, path: string): ProfileMap {
  const map: ProfileMap = { path, profiles: new Map(), vault: undefined, problems: [] };
  let current: ProfileSection | undefined;
  let currentProfile: string | undefined;
  let ignoringSection = false;

  const report = (severity: 'error' | 'warning', lineNumber: number, message: string): void => {
    map.problems.push({ severity, lineNumber, profile: currentProfile, message });
  };

  for (const line of scanIni(text.replace(/^\uFEFF/, ''))) {
    if (line.kind === 'blank' || line.kind === 'comment') {
      continue;
    }

    if (line.kind === 'section') {
      const { type, name } = parseSectionName(line.section ?? '');
      current = { name, lineNumber: line.lineNumber, settings: new Map() };
      ignoringSection = false;

      if (type === 'profile' || type === 'default') {
        currentProfile = name;
        const previous = map.profiles.get(name);
        if (name === '') {
          report('error', line.lineNumber, 'section [profile] has no profile name');
        } else if (previous !== undefined) {
          report('error', line.lineNumber, `profile "${name}" is defined twice (lines ${previous.lineNumber} and ${line.lineNumber}); merge the two sections`);
        }

        map.profiles.set(name, current);
      } else if (type === 'vault' && name === '') {
        currentProfile = undefined;
        if (map.vault !== undefined) {
          report('error', line.lineNumber, `section [vault] is defined twice (lines ${map.vault.lineNumber} and ${line.lineNumber}); merge the two sections`);
        }

        map.vault = current;
      } else {
        currentProfile = undefined;
        ignoringSection = true;
        report('warning', line.lineNumber, `section [${line.section}] is not [profile NAME] or [vault] and is ignored`);
      }

      continue;
    }

    if (line.kind === 'continuation') {
      report('error', line.lineNumber, `${JSON.stringify(line.raw.trim())} is indented deeper than the key before it, so INI readers such as Python's configparser read it as part of that key's value; remove the indentation`);
      continue;
    }

    if (line.kind === 'other' || line.kind === 'subkey') {
      report('error', line.lineNumber, `${JSON.stringify(line.raw.trim())} is not a section header or "key = value"; fix or remove the line`);
      continue;
    }

    if (current === undefined) {
      report('error', line.lineNumber, `setting "${line.key}" is outside any section; put it under [profile NAME] or [vault]`);
      continue;
    }

    if (ignoringSection) {
      continue;
    }

    const key = line.key ?? '';
    if (key !== key.toLowerCase()) {
      // Keys are lowercase everywhere in vault-aws, so a case variant would be ignored without a word.
      report('error', line.lineNumber, `setting "${key}" is not lowercase; rename it to "${key.toLowerCase()}"`);
      continue;
    }

    const known = currentProfile === undefined ? VAULT_SECTION_KEYS : PROFILE_KEYS;
    if (!known.includes(key)) {
      const guess = closestKey(key, known);
      const section = currentProfile === undefined ? '[vault]' : '[profile NAME]';
      report('warning', line.lineNumber, `setting "${key}" is not a ${section} setting and is ignored; ${guess === undefined ? 'the README lists the settings' : `did you mean "${guess}"?`}`);
    }

    const existing = current.settings.get(key);
    if (existing !== undefined) {
      report('error', line.lineNumber, `setting "${key}" is set twice (lines ${existing.lineNumber} and ${line.lineNumber}); keep one`);
    }

    current.settings.set(key, { value: line.value ?? '', lineNumber: line.lineNumber });
  }

  return map;
}
