import type { ResolvedProfile } from '../profiles/resolveProfile';

/**
 * Returns a string that identifies the settings credentials were fetched with. A cache entry whose
 * fingerprint differs belongs to other settings (another Vault, namespace, role, ARN or TTL) and is
 * a miss. It contains no secret, so it is stored as is.
 */
export function fingerprintOf(profile: ResolvedProfile): string {
  return JSON.stringify([
    profile.address,
    profile.namespace ?? '',
    profile.mount,
    profile.role,
    profile.roleArn ?? '',
    profile.ttlSeconds,
    profile.roleSessionName ?? '',
  ]);
}
