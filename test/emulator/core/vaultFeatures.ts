/** What changes with the emulated Vault version, with the release that brought each change. */
export interface VaultFeatures {
  version: string;
  /** `arn` in assumed_role data: 1.7.2 and later. */
  assumedRoleArn: boolean;
  /** `ttl` in STS data: 1.13.0 and later. */
  stsDataTtl: boolean;
  /** 1.13.0 and 1.13.1 return STS credentials without a lease (`lease_id` "", `lease_duration` 0). */
  stsWithoutLease: boolean;
  /** `session_token` next to `security_token`, the session_token credential type, `mfa_code`: 1.16.0 and later. */
  sessionToken: boolean;
  /** Top-level `mount_type` in every logical response: 1.16.0 and later. */
  mountType: boolean;
  /** 403 for a bad, expired or used-up token adds `invalid token` to `permission denied`: 1.17.0 and later. */
  invalidTokenError: boolean;
  /** `session_tags` and `external_id` on AWS roles: 1.17.2 and later. */
  sessionTags: boolean;
}

/** Parses `major.minor.patch` with an optional suffix such as `+ent` or `-rc1`. */
export function parseVaultVersion(version: string): [number, number, number] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  if (match === null) {
    throw new Error(`Invalid Vault version ${JSON.stringify(version)}: expected MAJOR.MINOR.PATCH, for example 1.17.0.`);
  }

  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function vaultFeatures(version: string): VaultFeatures {
  const parsed = parseVaultVersion(version);
  const atLeast = (major: number, minor: number, patch: number): boolean => compareVersions(parsed, [major, minor, patch]) >= 0;

  return {
    version,
    assumedRoleArn: atLeast(1, 7, 2),
    stsDataTtl: atLeast(1, 13, 0),
    stsWithoutLease: atLeast(1, 13, 0) && !atLeast(1, 13, 2),
    sessionToken: atLeast(1, 16, 0),
    mountType: atLeast(1, 16, 0),
    invalidTokenError: atLeast(1, 17, 0),
    sessionTags: atLeast(1, 17, 2),
  };
}

function compareVersions(left: readonly number[], right: readonly number[]): number {
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }

  return 0;
}
