import type { CacheEntry } from '../cache/cacheEntry';
import { cacheDirectory, profileMapPath } from '../profiles/paths';
import { readProfileMap } from '../profiles/readProfileMap';
import { resolveProfile } from '../profiles/resolveProfile';
import { getCredentials } from './getCredentials';

type Environment = Record<string, string | undefined>;

/**
 * Returns credentials for a profile of the profile map, from the cache or from Vault, the way every
 * command that hands out credentials gets them (credential-process, env, exec).
 */
export async function credentialsForProfile(profileName: string, options: { forceRefresh: boolean; env: Environment }): Promise<CacheEntry> {
  const profile = resolveProfile(readProfileMap(profileMapPath(options.env)), profileName, options.env);
  return getCredentials({
    profile,
    cacheDirectory: cacheDirectory(options.env),
    forceRefresh: options.forceRefresh,
    env: options.env,
  });
}
