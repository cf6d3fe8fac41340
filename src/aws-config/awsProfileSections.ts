import { findIniSections, type IniSectionRange } from '../ini/findIniSections';
import type { IniLine } from '../ini/scanIni';
import { readBotocoreHeader, readJavaScriptSdkHeader } from './clientReadings';

/**
 * Finds the sections of the AWS config file that both the AWS SDK for JavaScript and botocore read
 * as `profile`: `[profile NAME]` with one space, also with the name in quotes, and for `default`
 * both `[default]` and `[profile default]`. `checkClientAgreement` rejects the look-alikes that
 * only one client reads, such as `[profile  NAME]` or `[ default ]`.
 */
export function findAwsConfigProfileSections(lines: readonly IniLine[], profile: string): IniSectionRange[] {
  return findIniSections(lines, () => true).filter((range) => {
    // A byte order mark is reported by checkClientAgreement; the header after it counts.
    const raw = (lines[range.header]?.raw ?? '').replace(/^\uFEFF/, '');
    return readJavaScriptSdkHeader(raw)?.profile === profile && readBotocoreHeader(raw)?.profile === profile;
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
