import { awsConfigSectionHeader } from '../aws-config/awsProfileSections';
import { findingsFor, type Finding } from './finding';
import { inspectAwsProfile } from './inspectAwsProfile';
import type { CredentialProcessState, Installation } from './judgeCredentialProcess';

/**
 * Checks what the AWS SDKs will do for the profile: the AWS config file has it, its
 * credential_process runs this installation by absolute path for this profile, and no other key in
 * either file gives it credentials another way.
 */
export async function checkAwsConfig(profile: string, paths: { config: string; credentials: string }, installation: Installation): Promise<Finding[]> {
  const finding = findingsFor(`profile ${profile}`);
  const command = `vault-aws configure --profile ${profile}`;
  const configure = fixAwsConfig(profile, 'missing');
  const inspection = await inspectAwsProfile(profile, paths, installation);

  if (!inspection.configExists) {
    return [finding.fail('aws_config.profile', `the AWS config file ${paths.config} does not exist`, configure)];
  }

  if (inspection.sectionLineNumber === undefined) {
    return [finding.fail('aws_config.profile', `${paths.config} has no ${awsConfigSectionHeader(profile)}`, configure)];
  }

  const findings = [finding.pass('aws_config.profile', `${awsConfigSectionHeader(profile)} on line ${inspection.sectionLineNumber} of ${paths.config}`)];

  const { state, detail } = inspection.judgement;
  const line = inspection.credentialProcess === undefined ? '' : ` (line ${inspection.credentialProcess.lineNumber})`;
  if (state === 'this-installation') {
    findings.push(finding.pass('aws_config.credential_process', `${detail}${line}`));
  } else if (state === 'relative-path' || state === 'other-installation') {
    findings.push(finding.warn('aws_config.credential_process', `${detail}${line}`, fixAwsConfig(profile, state)));
  } else {
    findings.push(finding.fail('aws_config.credential_process', `${detail}${line}`, fixAwsConfig(profile, state)));
  }

  if (inspection.conflicts.length === 0) {
    findings.push(finding.pass('aws_config.other_keys', 'no other credential keys in the profile'));
  } else {
    const keys = inspection.conflicts.map((conflict) => `${conflict.key} (line ${conflict.lineNumber})`).join(', ');
    const found = `the profile also sets ${keys}; the AWS CLI and the SDKs disagree on which credential source wins`;
    findings.push(finding.fail('aws_config.other_keys', found, `remove them, or run "${command} --force"`));
  }

  if (inspection.staticKeys.length === 0) {
    findings.push(finding.pass('aws_credentials.static_keys', `no keys for [${profile}] in ${paths.credentials}`));
  } else {
    const keys = inspection.staticKeys.map((conflict) => `${conflict.key} (line ${conflict.lineNumber})`).join(', ');
    const found = `${paths.credentials} sets ${keys} for [${profile}], which the AWS CLI and the SDKs for JavaScript and Go use instead of credential_process`;
    findings.push(finding.fail('aws_credentials.static_keys', found, `remove the [${profile}] section from ${paths.credentials}`));
  }

  return findings;
}

/** Returns the fix for an AWS config entry that does not run this installation: the configure command. */
export function fixAwsConfig(profile: string, state: CredentialProcessState | 'no-profile' | 'no-file'): string {
  const configure = `run "vault-aws configure --profile ${profile}"`;
  return state === 'relative-path' || state === 'other-installation' ? `${configure} to write the absolute paths of this installation` : configure;
}
