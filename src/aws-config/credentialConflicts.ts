import { findAwsConfigProfileSections, findCredentialsFileSections } from './awsProfileSections';
import { findManagedMarker } from './managedMarker';
import { scanIni, type IniLine } from '../ini/scanIni';

/** A key that gives the profile credentials from a source other than vault-aws. */
export interface CredentialConflict {
  key: string;
  /** Index into the scanned lines. */
  index: number;
  /** 1-based, for messages. */
  lineNumber: number;
}

const STATIC_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token'];

/**
 * Keys that select another credential source. Next to credential_process the SDKs disagree on
 * which one wins: static keys and `sso_*` beat it in some SDKs and lose in others, and `role_arn`
 * makes botocore fail while the Go SDK assumes the role with the process credentials.
 */
const OTHER_SOURCE_KEYS = ['role_arn', 'source_profile', 'credential_source', 'web_identity_token_file'];

/**
 * Finds the keys in the profile's sections of the AWS config file that supply credentials some
 * other way. A credential_process that configure owns, or that equals `credentialProcess`, is not
 * a conflict.
 */
export function findCredentialConflicts(lines: readonly IniLine[], profile: string, credentialProcess: string): CredentialConflict[] {
  const conflicts: CredentialConflict[] = [];

  for (const range of findAwsConfigProfileSections(lines, profile)) {
    const owned = findManagedMarker(lines, range)?.marker.keys ?? [];

    for (let index = range.header + 1; index < range.end; index += 1) {
      const line = lines[index];
      const key = line?.kind === 'key' ? line.key?.toLowerCase() : undefined;
      if (line === undefined || key === undefined || !isCredentialKey(key)) {
        continue;
      }

      const ours = key === 'credential_process' && (owned.includes(key) || line.value === credentialProcess);
      if (!ours) {
        conflicts.push({ key: line.key ?? key, index, lineNumber: line.lineNumber });
      }
    }
  }

  return conflicts;
}

/**
 * Returns the static key names that the shared credentials file sets for `profile`. The AWS CLI
 * and the SDKs for JavaScript and Go read those before credential_process.
 */
export function findStaticKeysInCredentialsFile(text: string, profile: string): CredentialConflict[] {
  const lines = scanIni(text);
  const found: CredentialConflict[] = [];

  for (const range of findCredentialsFileSections(lines, profile)) {
    for (let index = range.header + 1; index < range.end; index += 1) {
      const line = lines[index];
      if (line?.kind === 'key' && line.key !== undefined && STATIC_KEYS.includes(line.key.toLowerCase())) {
        found.push({ key: line.key, index, lineNumber: line.lineNumber });
      }
    }
  }

  return found;
}

/** Returns whether a lowercase key gives a profile credentials: static keys, `sso_*`, `role_arn` and the rest. */
export function isCredentialKey(key: string): boolean {
  return key === 'credential_process' || STATIC_KEYS.includes(key) || OTHER_SOURCE_KEYS.includes(key) || key.startsWith('sso_');
}

/** Formats conflicts for a message: `aws_access_key_id (line 3), sso_session (line 5)`. */
export function listConflicts(conflicts: readonly CredentialConflict[]): string {
  return conflicts.map((conflict) => `${conflict.key} (line ${conflict.lineNumber})`).join(', ');
}
