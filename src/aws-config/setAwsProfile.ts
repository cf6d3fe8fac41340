import { ConfigError } from '../errors';
import { applyIniEdits, createIniEdits, detectLineEnding, hasIniEdits, insertLinesAfter } from '../ini/applyIniEdits';
import { findKeyLines, lastContentLine } from '../ini/findIniSections';
import { replaceIniValue } from '../ini/replaceIniValue';
import { scanIni } from '../ini/scanIni';
import { appendSection } from '../ini/sectionEdits';
import { awsConfigSectionHeader, findAwsConfigProfileSections } from './awsProfileSections';
import { checkClientAgreement } from './checkClientAgreement';
import { findCredentialConflicts, listConflicts } from './credentialConflicts';
import { findManagedMarker, formatManagedMarker, MANAGED_KEY } from './managedMarker';
import { planOwnedKey } from './planOwnedKey';

export interface AwsProfileUpdate {
  profile: string;
  credentialProcess: string;
  /** `undefined` keeps the current line, and `''` removes a line configure wrote. */
  region?: string | undefined;
  output?: string | undefined;
  /** Replace keys that supply credentials another way instead of rejecting the edit. */
  force: boolean;
  /** Nothing will be written (--dry-run), so the notes say "would remove". */
  dryRun?: boolean;
  /** The config file's path, for messages. */
  file: string;
}

export interface AwsProfileEdit {
  text: string;
  /** Warnings and changes the user should read, one sentence each. */
  notes: string[];
}

/** Keys configure can write into a profile, in the order it writes them. */
const WRITABLE_KEYS = ['credential_process', 'region', 'output'] as const;

/**
 * Writes credential_process, and region and output when given, into the profile's section of the
 * AWS config file, and records them in the managed marker. Every other line keeps its bytes.
 *
 * @throws ConfigError when the profile gets credentials another way and `force` is not set, and
 *   when the AWS SDK for JavaScript and botocore would read the edited lines differently.
 */
export function setAwsProfile(text: string, update: AwsProfileUpdate): AwsProfileEdit {
  const lines = scanIni(text);
  const edits = createIniEdits();
  const notes = checkClientAgreement(text, lines, update.profile, update.file).warnings;

  const conflicts = findCredentialConflicts(lines, update.profile, update.credentialProcess);
  if (conflicts.length > 0 && !update.force) {
    throw new ConfigError(
      `Profile "${update.profile}" in ${update.file} already gets credentials another way: ${listConflicts(conflicts)}. ` +
        'Next to credential_process the AWS SDKs disagree on which source wins. ' +
        'Remove those keys, choose another --profile, or run configure again with --force to replace exactly those keys.',
      { file: update.file },
    );
  }

  // checkClientAgreement rejects a profile defined by more than one section.
  const target = findAwsConfigProfileSections(lines, update.profile)[0];
  if (target === undefined) {
    appendSection(lines, edits, newSectionLines(update));
    return { text: applyIniEdits(lines, edits, detectLineEnding(lines)), notes };
  }

  const values: Record<(typeof WRITABLE_KEYS)[number], string | undefined> = {
    credential_process: update.credentialProcess,
    region: update.region,
    output: update.output,
  };
  const found = findManagedMarker(lines, target);
  const owned = new Set(found?.marker.keys ?? []);
  const inserted: string[] = [];

  for (const key of WRITABLE_KEYS) {
    const value = values[key];
    if (value !== undefined) {
      planOwnedKey(lines, edits, target, { key, value, owned, inserted, notes, profile: update.profile });
    }
  }

  for (const conflict of conflicts) {
    if (!(conflict.key.toLowerCase() === 'credential_process' && conflict.index > target.header && conflict.index < target.end)) {
      edits.remove.add(conflict.index);
    }
  }

  if (conflicts.length > 0) {
    const verb = update.dryRun === true ? 'Would remove' : 'Removed';
    notes.push(`${verb} ${listConflicts(conflicts)} from profile "${update.profile}" of ${update.file} (--force).`);
  }

  const stillPresent = (key: string): boolean =>
    inserted.some((raw) => raw.startsWith(`${key} =`)) || findKeyLines(lines, target, key).some((index) => !edits.remove.has(index));
  // Keys a later vault-aws may own stay listed after the ones this version writes.
  const orderedKeys = [...new Set<string>([...WRITABLE_KEYS, ...owned])];
  const ownedKeys = orderedKeys.filter((key) => owned.has(key) && stillPresent(key));
  const createdSection = found?.marker.createdSection ?? false;
  const marker = formatManagedMarker({ createdSection, keys: ownedKeys });

  if (ownedKeys.length === 0 && !createdSection) {
    // Nothing here is configure's, so no marker: an empty value would also open a nested block for the JavaScript SDK.
    if (found !== undefined) {
      edits.remove.add(found.index);
    }
  } else if (found === undefined) {
    inserted.push(`${MANAGED_KEY} = ${marker}`);
  } else if (lines[found.index]?.value !== marker) {
    edits.replace.set(found.index, replaceIniValue(lines[found.index]?.raw ?? '', marker));
  }

  if (inserted.length > 0) {
    insertLinesAfter(edits, lastContentLine(lines, target), inserted);
  }

  return { text: hasIniEdits(edits) ? applyIniEdits(lines, edits, detectLineEnding(lines)) : text, notes };
}

function newSectionLines(update: AwsProfileUpdate): string[] {
  const keys = WRITABLE_KEYS.filter((key) => {
    const value = key === 'credential_process' ? update.credentialProcess : update[key];
    return value !== undefined && value !== '';
  });
  const keyLines = keys.map((key) => `${key} = ${key === 'credential_process' ? update.credentialProcess : update[key]}`);
  const marker = formatManagedMarker({ createdSection: true, keys });
  return [awsConfigSectionHeader(update.profile), ...keyLines, `${MANAGED_KEY} = ${marker}`];
}
