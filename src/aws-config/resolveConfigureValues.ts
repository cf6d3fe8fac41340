import { isVaultAwsError, UsageError } from '../errors';
import { scanIni } from '../ini/scanIni';
import { readAwsProfileSetting } from './awsProfileSections';
import { normalizeConfigureValues, type ConfigureValues } from './configureValues';
import type { ConfigureFiles } from './planConfigure';
import { readProfileMapEntry } from './profileMapSections';
import { promptConfigureValues } from './promptConfigureValues';
import type { Prompter } from './prompter';
import { validateConfigureValues } from './validateConfigureValues';
import { validateProfileName } from './validateProfileName';
import type { VaultRoleSourceFactory, VaultTarget } from './vaultRoleSource';

export interface ResolveContext {
  files: ConfigureFiles;
  /** Present on a terminal: missing values are asked for instead of rejected. */
  prompter: Prompter | undefined;
  vaultRoles: VaultRoleSourceFactory | undefined;
  stderr: { write(text: string): unknown };
}

/** Returns the profile name from `--profile`, or asks for it on a terminal. */
export async function resolveProfileName(flagValues: string | undefined, prompter: Prompter | undefined, platform: NodeJS.Platform, stderr: ResolveContext['stderr']): Promise<string> {
  if (flagValues !== undefined) {
    validateProfileName(flagValues, platform);
    return flagValues;
  }

  if (prompter === undefined) {
    throw new UsageError('Missing --profile: pass --profile NAME, the AWS profile to write.');
  }

  for (;;) {
    const answer = await prompter.ask('AWS profile name');
    try {
      validateProfileName(answer, platform);
      return answer;
    } catch (error) {
      if (!isVaultAwsError(error)) {
        throw error;
      }

      stderr.write(`${error.message}\n`);
    }
  }
}

/**
 * Combines the command-line values with what the files already hold for the profile, asking for
 * missing ones on a terminal. Without a terminal a missing Vault role is a usage error.
 */
export async function resolveConfigureValues(profile: string, flagValues: ConfigureValues, context: ResolveContext): Promise<ConfigureValues> {
  const values = normalizeConfigureValues(flagValues);
  validateConfigureValues(values);
  if (values.vaultRole === '') {
    throw new UsageError('Invalid --vault-role "": a Vault role is required. Pass --vault-role ROLE.');
  }

  const current: ConfigureValues = readProfileMapEntry(scanIni(context.files.profileMap.text ?? ''), profile);
  const region = readAwsProfileSetting(scanIni(context.files.awsConfig.text ?? ''), profile, 'region');
  if (region !== undefined) {
    current.region = region;
  }

  let resolved = values;
  if (context.prompter !== undefined) {
    const vaultRoles = await context.vaultRoles?.(vaultTarget(values, current));
    // With no values on the command line, or without a Vault role anywhere, walk through every question.
    const walkThrough = Object.keys(values).length === 0 || (values.vaultRole ?? current.vaultRole) === undefined;
    const promptContext = { prompter: context.prompter, current, vaultRoles, stderr: context.stderr };
    resolved = normalizeConfigureValues(await promptConfigureValues(values, promptContext, walkThrough));
  }

  if ((resolved.vaultRole ?? current.vaultRole ?? '') === '') {
    throw new UsageError(`Missing --vault-role for profile "${profile}": pass --vault-role ROLE, or run configure in a terminal to choose one.`);
  }

  return resolved;
}

/** Returns the profile's Vault server: from the command line, else from the profile map. */
function vaultTarget(values: ConfigureValues, current: ConfigureValues): VaultTarget {
  const target: VaultTarget = {};
  const vaultAddr = values.vaultAddr ?? current.vaultAddr;
  const vaultNamespace = values.vaultNamespace ?? current.vaultNamespace;

  if (vaultAddr) {
    target.vaultAddr = vaultAddr;
  }

  if (vaultNamespace) {
    target.vaultNamespace = vaultNamespace;
  }

  return target;
}
