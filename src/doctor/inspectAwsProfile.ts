import { findAwsConfigProfileSections } from '../aws-config/awsProfileSections';
import { findCredentialConflicts, findStaticKeysInCredentialsFile, type CredentialConflict } from '../aws-config/credentialConflicts';
import { findKeyLines } from '../ini/findIniSections';
import { readTextFile } from '../ini/readTextFile';
import { scanIni } from '../ini/scanIni';
import { judgeCredentialProcess, type CredentialProcessJudgement, type Installation } from './judgeCredentialProcess';

export interface AwsProfileInspection {
  configPath: string;
  credentialsPath: string;
  configExists: boolean;
  /** Line of the first `[profile NAME]` header; undefined when the profile is not in the config file. */
  sectionLineNumber: number | undefined;
  /** The last `credential_process` of the profile, which the SDKs use. */
  credentialProcess: { value: string; lineNumber: number } | undefined;
  judgement: CredentialProcessJudgement;
  /** Keys in the profile that give it credentials another way. */
  conflicts: CredentialConflict[];
  /** Static keys for the profile in the shared credentials file, which some SDKs read first. */
  staticKeys: CredentialConflict[];
}

/** Reads the profile's entries in the AWS config and credentials files without writing either. */
export async function inspectAwsProfile(profile: string, paths: { config: string; credentials: string }, installation: Installation): Promise<AwsProfileInspection> {
  const configText = await readTextFile(paths.config);
  const credentialsText = await readTextFile(paths.credentials);
  const lines = scanIni(configText ?? '');
  const sections = findAwsConfigProfileSections(lines, profile);

  let credentialProcess: AwsProfileInspection['credentialProcess'];
  for (const range of sections) {
    const index = findKeyLines(lines, range, 'credential_process').at(-1);
    const line = index === undefined ? undefined : lines[index];
    if (line !== undefined) {
      credentialProcess = { value: line.value ?? '', lineNumber: line.lineNumber };
    }
  }

  const firstHeader = sections[0] === undefined ? undefined : lines[sections[0].header];
  return {
    configPath: paths.config,
    credentialsPath: paths.credentials,
    configExists: configText !== undefined,
    sectionLineNumber: firstHeader?.lineNumber,
    credentialProcess,
    judgement: judgeCredentialProcess(credentialProcess?.value, profile, installation),
    conflicts: findCredentialConflicts(lines, profile, credentialProcess?.value ?? ''),
    staticKeys: credentialsText === undefined ? [] : findStaticKeysInCredentialsFile(credentialsText, profile),
  };
}
