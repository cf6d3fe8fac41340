import { ConfigError } from '../errors';
import type { ResolvedProfile } from '../profiles/resolveProfile';
import type { FoundToken } from '../vault/findToken';
import { checkAwsConfig } from './checkAwsConfig';
import { checkCacheFiles } from './checkCacheFiles';
import { checkCapabilities } from './checkCapabilities';
import { checkProfileMap } from './checkProfileMap';
import { checkRole } from './checkRole';
import { checkRoleTtl } from './judgeRole';
import { checkTokenLookup, checkTokenSource } from './checkToken';
import { checkVaultServer } from './checkVaultServer';
import { createDoctorClient } from './createDoctorClient';
import { findingsFor, type Finding } from './finding';
import type { Installation } from './judgeCredentialProcess';
import { listVaultTargets, type VaultTarget } from './listVaultTargets';

type Environment = Record<string, string | undefined>;

export interface DoctorOptions {
  /** Check only this profile; every profile of the map when undefined. */
  profile: string | undefined;
  env: Environment;
  paths: { profileMap: string; awsConfig: string; awsCredentials: string; cacheDirectory: string };
  installation: Installation;
}

/**
 * Runs every check and returns all findings, in report order: the profile map, the token source,
 * each Vault server, each profile, the cache. A failed check becomes a finding, not an exception.
 */
export async function runDoctor(options: DoctorOptions): Promise<Finding[]> {
  const profileMap = checkProfileMap(options.paths.profileMap, options.profile, options.env);
  const source = await checkTokenSource(options.env);

  const vaultFindings: Finding[] = [];
  for (const target of listVaultTargets(profileMap.map, profileMap.profiles, options.env)) {
    vaultFindings.push(...(await checkVault(target, source.token, options.env)));
  }

  const findings = [...profileMap.findings, source.finding, ...vaultFindings.filter((finding) => !finding.subject.startsWith('profile '))];
  for (const [name, mapFindings] of profileMap.profileFindings) {
    findings.push(...mapFindings, ...vaultFindings.filter((finding) => finding.subject === `profile ${name}`));
    if (profileMap.profiles.some((profile) => profile.profile === name)) {
      findings.push(...(await checkAwsConfig(name, { config: options.paths.awsConfig, credentials: options.paths.awsCredentials }, options.installation)));
    }
  }

  findings.push(...checkCacheFiles(options.paths.cacheDirectory));
  return findings;
}

/** Checks one Vault server, the token there, and the roles of the profiles that use it. */
async function checkVault(target: VaultTarget, token: FoundToken | undefined, env: Environment): Promise<Finding[]> {
  let client;
  try {
    client = createDoctorClient(env, target);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }

    const fix = 'correct the variable or profile map key that the message names; doctor reads the same settings as credential-process';
    return [findingsFor(target.address).fail('vault.client', error.message, fix), ...target.profiles.map((profile) => checkRoleTtl(profile, undefined))];
  }

  const server = await checkVaultServer(client, target.addressSource);
  const findings = [...server.findings];
  if (!server.usable) {
    const reason = `Vault at ${target.address} cannot be used (see the vault.* findings)`;
    findings.push(...target.profiles.flatMap((profile) => skipVaultChecks(profile, reason)));
    return findings;
  }

  if (token === undefined) {
    findings.push(...target.profiles.flatMap((profile) => skipVaultChecks(profile, 'no Vault token was found (see token.found)')));
    return findings;
  }

  const neededSeconds = Math.max(0, ...target.profiles.map((profile) => profile.ttlSeconds));
  const lookup = await checkTokenLookup(client, token, neededSeconds);
  findings.push(...lookup);
  if (lookup.some((finding) => finding.status === 'fail')) {
    // The later checks send the same token to the same Vault, so they would only repeat this failure.
    findings.push(...target.profiles.flatMap((profile) => skipVaultChecks(profile, 'the token failed its lookup (see token.valid)')));
    return findings;
  }

  for (const profile of target.profiles) {
    findings.push(await checkCapabilities(client, token, profile));
    findings.push(...(await checkRole(client, token, profile)));
  }

  return findings;
}

/**
 * Skips a profile's checks that need Vault and a working token, saying which finding has the fix,
 * and checks the ttl minimum, which needs neither.
 */
function skipVaultChecks(profile: ResolvedProfile, reason: string): Finding[] {
  const finding = findingsFor(`profile ${profile.profile}`);
  const rolePath = `${profile.mount}/roles/${profile.role}`;
  return [finding.skip('token.capabilities', `not checked: ${reason}`), finding.skip('role.exists', `${rolePath} not read: ${reason}`), checkRoleTtl(profile, undefined)];
}
