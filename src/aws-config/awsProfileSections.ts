import { findIniSections, type IniSectionRange } from '../ini/findIniSections';
import { parseSectionName, type IniLine } from '../ini/scanIni';

/**
 * Finds the sections of the AWS config file that define `profile`: `[profile NAME]`, also with the
 * name in quotes, and for `default` both `[default]` and `[profile default]`, as the SDKs read them.
 */
export function findAwsConfigProfileSections(lines: readonly IniLine[], profile: string): IniSectionRange[] {
  return findIniSections(lines, (section) => {
    if (profile === 'default' && section === 'default') {
      return true;
    }

    const { type, name } = parseSectionName(section);
    return type === 'profile' && unquote(name) === profile;
  });
}

/** Finds the `[NAME]` sections of the shared credentials file, which has no `profile` prefix. */
export function findCredentialsFileSections(lines: readonly IniLine[], profile: string): IniSectionRange[] {
  return findIniSections(lines, (section) => section === profile);
}

/** Returns the header configure writes for a new profile: `[default]` or `[profile NAME]`. */
export function awsConfigSectionHeader(profile: string): string {
  return profile === 'default' ? '[default]' : `[profile ${profile}]`;
}

function unquote(name: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(name);
  return quoted === null ? name : (quoted[2] ?? '');
}

/** Returns the value of `key` in the profile's last section that sets it, as the JavaScript SDK reads it. */
export function readAwsProfileSetting(lines: readonly IniLine[], profile: string, key: string): string | undefined {
  let value: string | undefined;

  for (const range of findAwsConfigProfileSections(lines, profile)) {
    for (let index = range.header + 1; index < range.end; index += 1) {
      const line = lines[index];
      if (line?.kind === 'key' && line.key === key && line.value !== undefined) {
        value = line.value;
      }
    }
  }

  return value;
}
