import { awsConfigSectionHeader } from '../aws-config/awsProfileSections';
import { checkCacheDirectory } from '../cache/checkCacheDirectory';
import { inspectAwsProfile } from '../doctor/inspectAwsProfile';
import type { CredentialProcessState, Installation } from '../doctor/judgeCredentialProcess';
import type { ProfileMap } from '../profiles/readProfileMap';
import { resolveProfile, type ResolvedProfile } from '../profiles/resolveProfile';
import { describeCacheState, type CacheState } from './describeCacheState';
import { parseRoleArn } from './parseRoleArn';

type Environment = Record<string, string | undefined>;

/** One profile of the profile map as `list` shows it. No field contains a secret. */
export interface ProfileListing {
  profile: string;
  vaultRole: string | undefined;
  mount: string | undefined;
  address: string | undefined;
  roleArn: string | undefined;
  /** From role_arn, else from the cached credentials. */
  accountId: string | undefined;
  /** The role name with its path, from role_arn. */
  awsRole: string | undefined;
  cache: CacheState;
  awsConfig: {
    state: CredentialProcessState | 'no-profile' | 'no-file';
    detail: string;
  };
  /** Error from the profile map that makes the profile unusable; undefined when it is usable. */
  problem: string | undefined;
}

export interface DescribeProfilesOptions {
  map: ProfileMap;
  env: Environment;
  cacheDirectory: string;
  awsFiles: { config: string; credentials: string };
  installation: Installation;
  nowSeconds: number;
}

/** Describes every profile of the map, in file order, reading the cache and the AWS files but never Vault. */
export async function describeProfiles(options: DescribeProfilesOptions): Promise<ProfileListing[]> {
  let cacheProblem: string | undefined;
  let cacheExists = false;
  try {
    cacheExists = checkCacheDirectory(options.cacheDirectory);
  } catch (error) {
    cacheProblem = error instanceof Error ? error.message : String(error);
  }

  const listings: ProfileListing[] = [];
  for (const [name, section] of options.map.profiles) {
    if (name === '') {
      continue;
    }

    let resolved: ResolvedProfile | undefined;
    let problem: string | undefined;
    try {
      resolved = resolveProfile(options.map, name, options.env);
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }

    const cache = describeCache(resolved, cacheExists, cacheProblem, options);
    const arn = parseRoleArn(resolved?.roleArn);
    listings.push({
      profile: name,
      vaultRole: resolved?.role ?? section.settings.get('vault_role')?.value,
      mount: resolved?.mount,
      address: resolved?.address,
      roleArn: resolved?.roleArn,
      accountId: arn?.accountId ?? cache.accountId,
      awsRole: arn?.roleName,
      cache,
      awsConfig: await describeAwsConfig(name, options),
      problem,
    });
  }

  return listings;
}

function describeCache(resolved: ResolvedProfile | undefined, exists: boolean, problem: string | undefined, options: DescribeProfilesOptions): CacheState {
  const nothing = { remainingSeconds: undefined, expiration: undefined, accountId: undefined };
  if (problem !== undefined) {
    return { state: 'invalid', note: problem, ...nothing };
  }

  if (resolved === undefined || !exists) {
    return { state: 'none', note: undefined, ...nothing };
  }

  return describeCacheState(options.cacheDirectory, resolved, options.nowSeconds);
}

async function describeAwsConfig(profile: string, options: DescribeProfilesOptions): Promise<ProfileListing['awsConfig']> {
  const inspection = await inspectAwsProfile(profile, options.awsFiles, options.installation);
  if (!inspection.configExists) {
    return { state: 'no-file', detail: `${inspection.configPath} does not exist` };
  }

  if (inspection.sectionLineNumber === undefined) {
    return { state: 'no-profile', detail: `${inspection.configPath} has no ${awsConfigSectionHeader(profile)}` };
  }

  return { state: inspection.judgement.state, detail: inspection.judgement.detail };
}
