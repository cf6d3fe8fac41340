import { isVaultAwsError, UsageError } from '../errors';
import { scanIni } from '../ini/scanIni';
import { parseDurationSeconds } from '../profiles/duration';
import { describeShortTtl, SHORT_TTL_DURATION, SHORT_TTL_SECONDS } from '../shortTtl';
import { readAwsProfileSetting } from './awsProfileSections';
import { checkVaultRole, stripFinalPeriod } from './checkVaultRole';
import { DEFAULT_TTL, DEFAULT_VAULT_MOUNT, normalizeConfigureValues, type ConfigureValues } from './configureValues';
import type { ConfigureFiles } from './planConfigure';
import { readProfileMapEntry } from './profileMapSections';
import { promptConfigureValues } from './promptConfigureValues';
import type { Prompter } from './prompter';
import { validateConfigureValues } from './validateConfigureValues';
import { validateProfileName } from './validateProfileName';
import type { VaultRoleSource, VaultRoleSourceFactory, VaultTarget } from './vaultRoleSource';

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

export interface ResolvedValues {
  values: ConfigureValues;
  /** A short ttl, or why the role could not be checked against Vault, without the `vault-aws: warning:` prefix. */
  warnings: string[];
}

/**
 * Combines the command-line values with what the files already hold for the profile, asking for
 * missing ones on a terminal. Without a terminal a missing Vault role is a usage error, and the
 * role and ARN are checked against Vault when a token and Vault are available.
 */
export async function resolveConfigureValues(profile: string, flagValues: ConfigureValues, context: ResolveContext): Promise<ResolvedValues> {
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
    const vaultRoles = await openRoleSource(context, vaultTarget(values, current));
    // With no values on the command line, or without a Vault role anywhere, walk through every question.
    const walkThrough = Object.keys(values).length === 0 || (values.vaultRole ?? current.vaultRole) === undefined;
    const promptContext = { prompter: context.prompter, current, vaultRoles, stderr: context.stderr };
    resolved = normalizeConfigureValues(await promptConfigureValues(values, promptContext, walkThrough));
  }

  if ((resolved.vaultRole ?? current.vaultRole ?? '') === '') {
    throw new UsageError(`Missing --vault-role for profile "${profile}": pass --vault-role ROLE, or run configure in a terminal to choose one.`);
  }

  const warnings: string[] = [];
  const ttlSeconds = parseDurationSeconds((resolved.ttl ?? current.ttl) || DEFAULT_TTL);
  if (ttlSeconds !== undefined && ttlSeconds < SHORT_TTL_SECONDS) {
    warnings.push(`${describeShortTtl(ttlSeconds)}. Pass --ttl ${SHORT_TTL_DURATION} or more unless credentials must be this short-lived.`);
  }

  // On a terminal the prompts have already offered only what Vault lists.
  if (context.prompter === undefined && context.vaultRoles !== undefined) {
    const roleArn = resolved.roleArn ?? current.roleArn;
    const request = {
      profile,
      mount: (resolved.vaultMount ?? current.vaultMount) || DEFAULT_VAULT_MOUNT,
      role: resolved.vaultRole ?? current.vaultRole ?? '',
      roleArn: roleArn === '' ? undefined : roleArn,
      roleArnSource: resolved.roleArn === undefined ? `role_arn in [profile ${profile}] of ${context.files.profileMap.path}` : '--role-arn',
    };
    const warning = await checkVaultRole(request, context.vaultRoles, vaultTarget(resolved, current));
    if (warning !== undefined) {
      warnings.push(warning);
    }
  }

  return { values: resolved, warnings };
}

/** Opens the role source for the prompts; when that fails, reports why the choices are not listed. */
async function openRoleSource(context: ResolveContext, target: VaultTarget): Promise<VaultRoleSource | undefined> {
  try {
    return await context.vaultRoles?.(target);
  } catch (error) {
    if (!isVaultAwsError(error)) {
      throw error;
    }

    context.stderr.write(`${stripFinalPeriod(error.message)}, so Vault roles and ARNs cannot be listed; type the values.\n`);
    return undefined;
  }
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
