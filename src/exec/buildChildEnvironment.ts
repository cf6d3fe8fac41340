import type { CacheEntry } from '../cache/cacheEntry';
import { credentialVariables } from '../output/credentialVariables';
import { EXEC_DEPTH_VARIABLE, EXEC_PROFILE_VARIABLE } from './checkNesting';

type Environment = Record<string, string | undefined>;

/**
 * Variables removed from the command's environment. With AWS_PROFILE set, the AWS SDK for
 * JavaScript v3 skips the environment credentials, and botocore would read the profile's region
 * and other settings from the named profile. AWS_SECURITY_TOKEN is the old name of the session
 * token, which botocore and boto 2 still read, so a stale one must not survive.
 */
const REMOVED_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN'];

export interface ChildEnvironmentOptions {
  parent: Environment;
  entry: CacheEntry;
  profile: string;
  depth: number;
  /** The profile's region from the AWS config file, set when the parent sets no region. */
  region: string | undefined;
}

/** Builds the environment of the command that `exec` runs. */
export function buildChildEnvironment(options: ChildEnvironmentOptions): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.parent)) {
    if (value !== undefined && !REMOVED_VARIABLES.includes(name)) {
      child[name] = value;
    }
  }

  for (const variable of credentialVariables(options.entry)) {
    if (variable.value === undefined) {
      delete child[variable.name];
    } else {
      child[variable.name] = variable.value;
    }
  }

  // Without AWS_PROFILE the SDKs no longer read the profile's region, so it is passed on here.
  const parentRegion = nonEmpty(options.parent['AWS_REGION']) ?? nonEmpty(options.parent['AWS_DEFAULT_REGION']);
  if (parentRegion === undefined && options.region !== undefined && options.region !== '') {
    child['AWS_REGION'] = options.region;
    child['AWS_DEFAULT_REGION'] = options.region;
  }

  child[EXEC_PROFILE_VARIABLE] = options.profile;
  child[EXEC_DEPTH_VARIABLE] = String(options.depth);
  return child;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
