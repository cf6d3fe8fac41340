import { randomBase62 } from '../../core/randomValues';

/** Replaces characters IAM does not allow, as Vault's `normalizeDisplayName` does. */
export function normalizeDisplayName(name: string): string {
  return name.replace(/[^a-zA-Z0-9+=,.@_-]/g, '_');
}

/**
 * Vault's default username template for IAM users and AssumeRole session names:
 * `vault-<display name>-<role name, both cut to 42>-<unix time>-<20 random>`, cut to 64.
 */
export function defaultIamName(displayName: string, roleName: string, unixSeconds: number): string {
  const prefix = `${normalizeDisplayName(displayName)}-${normalizeDisplayName(roleName)}`.slice(0, 42);
  return `vault-${prefix}-${unixSeconds}-${randomBase62(20)}`.slice(0, 64);
}

/** Vault's default federated user name: `vault-<unix time>-<20 random>`, cut to 32. */
export function defaultFederationName(unixSeconds: number): string {
  return `vault-${unixSeconds}-${randomBase62(20)}`.slice(0, 32);
}
