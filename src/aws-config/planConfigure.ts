import { ConfigError } from '../errors';
import { scanIni } from '../ini/scanIni';
import type { ConfigureValues, ProfileMapField } from './configureValues';
import { PROFILE_MAP_KEYS } from './configureValues';
import { findStaticKeysInCredentialsFile, listConflicts } from './credentialConflicts';
import { findProfileMapSections } from './profileMapSections';
import { removeAwsProfile } from './removeAwsProfile';
import { removeProfileMapEntry } from './removeProfileMapEntry';
import { setAwsProfile } from './setAwsProfile';
import { setProfileMapEntry, type ProfileMapUpdate } from './setProfileMapEntry';

/** A file as configure read it. `text` is `undefined` when the file does not exist. */
export interface FileContents {
  path: string;
  text: string | undefined;
}

export interface ConfigureFiles {
  profileMap: FileContents;
  awsConfig: FileContents;
  awsCredentials: FileContents;
}

export interface FileChange {
  path: string;
  before: string | undefined;
  after: string;
}

export interface ConfigurePlan {
  /** Only the files whose content changes, profile map first. */
  changes: FileChange[];
  warnings: string[];
}

export interface ConfigureRequest {
  profile: string;
  values: ConfigureValues;
  credentialProcess: string;
  force: boolean;
  /** Word the notes for --dry-run, which writes nothing. */
  dryRun?: boolean;
}

/**
 * Computes the new content of the profile map and the AWS config file in memory, so that any
 * error stops configure before it touches a file.
 */
export function planConfigure(request: ConfigureRequest, files: ConfigureFiles): ConfigurePlan {
  const { profile, values } = request;

  const mapUpdate: ProfileMapUpdate = {};
  for (const { field } of PROFILE_MAP_KEYS) {
    mapUpdate[field as ProfileMapField] = values[field];
  }

  const mapSections = findProfileMapSections(scanIni(files.profileMap.text ?? ''), profile);
  if (mapSections.length > 1) {
    // credential-process rejects such a map, so writing it and exiting 0 would hide the problem.
    const lineNumbers = mapSections.map((range) => range.header + 1).join(', ');
    throw new ConfigError(`Profile "${profile}" has ${mapSections.length} sections in ${files.profileMap.path} (lines ${lineNumbers}), which vault-aws rejects, so configure changed nothing. Merge them into one section and run configure again.`, { file: files.profileMap.path });
  }

  const profileMap = setProfileMapEntry(files.profileMap.text ?? '', profile, mapUpdate);
  const awsConfig = setAwsProfile(files.awsConfig.text ?? '', {
    profile,
    credentialProcess: request.credentialProcess,
    region: values.region,
    output: values.output,
    force: request.force,
    dryRun: request.dryRun === true,
    file: files.awsConfig.path,
  });

  const warnings = [...awsConfig.notes];

  const staticKeys = findStaticKeysInCredentialsFile(files.awsCredentials.text ?? '', profile);
  if (staticKeys.length > 0) {
    warnings.push(
      `${files.awsCredentials.path} sets ${listConflicts(staticKeys)} for profile "${profile}". ` +
        'The AWS CLI and the SDKs for JavaScript and Go use those static keys instead of credential_process, while the Java and Rust SDKs prefer credential_process. ' +
        `Remove those keys from [${profile}] in ${files.awsCredentials.path} so that every client gets its credentials from vault-aws.`,
    );
  }

  return { changes: collectChanges([[files.profileMap, profileMap], [files.awsConfig, awsConfig.text]]), warnings };
}

export interface RemovePlan extends ConfigurePlan {
  /** The keys removed from the AWS config file, in the order the marker listed them. */
  awsConfig: { path: string; removedKeys: string[] };
  /** Whether the profile's section was removed from the profile map. */
  profileMap: { path: string; removed: boolean };
}

/** Computes the files without what configure wrote for `profile`. */
export function planRemove(profile: string, files: ConfigureFiles): RemovePlan {
  const profileMap = removeProfileMapEntry(files.profileMap.text ?? '', profile);
  const awsConfig = removeAwsProfile(files.awsConfig.text ?? '', profile, files.awsConfig.path);

  return {
    changes: collectChanges([[files.profileMap, profileMap.text], [files.awsConfig, awsConfig.text]]),
    warnings: awsConfig.warnings,
    awsConfig: { path: files.awsConfig.path, removedKeys: awsConfig.removedKeys },
    profileMap: { path: files.profileMap.path, removed: profileMap.removed },
  };
}

function collectChanges(pairs: [FileContents, string][]): FileChange[] {
  return pairs.filter(([file, after]) => after !== (file.text ?? '')).map(([file, after]) => ({ path: file.path, before: file.text, after }));
}
