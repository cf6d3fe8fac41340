import { UsageError } from '../errors';

/**
 * The settings configure writes for one profile. For each field, `undefined` keeps the current
 * value and `''` removes the key.
 */
export interface ConfigureValues {
  vaultRole?: string;
  vaultMount?: string;
  roleArn?: string;
  ttl?: string;
  roleSessionName?: string;
  vaultAddr?: string;
  vaultNamespace?: string;
  region?: string;
  output?: string;
}

export type ProfileMapField = 'vaultRole' | 'vaultMount' | 'roleArn' | 'ttl' | 'roleSessionName' | 'vaultAddr' | 'vaultNamespace';

/** A key of a `[profile NAME]` section in the profile map, in the order configure writes them. */
export interface ProfileMapKey {
  field: ProfileMapField;
  key: string;
  flag: string;
}

export const PROFILE_MAP_KEYS: readonly ProfileMapKey[] = [
  { field: 'vaultRole', key: 'vault_role', flag: '--vault-role' },
  { field: 'vaultMount', key: 'vault_mount', flag: '--vault-mount' },
  { field: 'roleArn', key: 'role_arn', flag: '--role-arn' },
  { field: 'ttl', key: 'ttl', flag: '--ttl' },
  { field: 'roleSessionName', key: 'role_session_name', flag: '--role-session-name' },
  { field: 'vaultAddr', key: 'vault_addr', flag: '--vault-addr' },
  { field: 'vaultNamespace', key: 'vault_namespace', flag: '--vault-namespace' },
];

export const DEFAULT_VAULT_MOUNT = 'aws';
export const DEFAULT_TTL = '1h';

/** Values the AWS CLI v2 accepts for `output`. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'yaml-stream', 'text', 'table'];

/**
 * Trims every value and strips the slashes around the mount path (`/aws/` is the mount `aws`).
 *
 * @throws UsageError for a mount path of slashes only, which would otherwise read as "remove the key".
 */
export function normalizeConfigureValues(values: ConfigureValues): ConfigureValues {
  const normalized: ConfigureValues = {};

  for (const [field, value] of Object.entries(values) as [keyof ConfigureValues, string | undefined][]) {
    if (value === undefined) {
      continue;
    }

    const trimmed = value.trim();
    if (field === 'vaultMount' && /^\/+$/.test(trimmed)) {
      throw new UsageError(`Invalid --vault-mount ${JSON.stringify(value)}: the mount path has no name between the slashes. Pass the mount, such as aws, or --vault-mount "" to remove the key.`);
    }

    normalized[field] = field === 'vaultMount' ? trimmed.replace(/^\/+|\/+$/g, '') : trimmed;
  }

  return normalized;
}
