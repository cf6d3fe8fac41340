import { findKeyLines, type IniSectionRange } from '../ini/findIniSections';
import type { IniLine } from '../ini/scanIni';

/**
 * The key that marks what configure wrote into an AWS profile. SDKs ignore keys they do not know,
 * and the tool prefix keeps it apart from AWS's own keys. Its value lists the keys configure
 * added, preceded by `section` when configure also created the `[profile …]` header:
 *
 *     vault_aws_managed = section credential_process region
 */
export const MANAGED_KEY = 'vault_aws_managed';

const SECTION_TOKEN = 'section';

export interface ManagedMarker {
  /** Whether configure created the section, so that `--remove` may delete its header. */
  createdSection: boolean;
  /** Keys configure added to the section, in the order they were written. */
  keys: string[];
}

export function parseManagedMarker(value: string): ManagedMarker {
  const tokens = value.split(/\s+/).filter((token) => token !== '');
  return {
    createdSection: tokens.includes(SECTION_TOKEN),
    keys: tokens.filter((token) => token !== SECTION_TOKEN && token !== MANAGED_KEY),
  };
}

export function formatManagedMarker(marker: ManagedMarker): string {
  const tokens = marker.createdSection ? [SECTION_TOKEN, ...marker.keys] : marker.keys;
  return tokens.join(' ');
}

/** Returns the section's marker line and its parsed value, or `undefined` for a section configure did not write to. */
export function findManagedMarker(lines: readonly IniLine[], range: IniSectionRange): { index: number; marker: ManagedMarker } | undefined {
  const index = findKeyLines(lines, range, MANAGED_KEY).at(-1);
  if (index === undefined) {
    return undefined;
  }

  return { index, marker: parseManagedMarker(lines[index]?.value ?? '') };
}
