/**
 * What configure needs from Vault to offer choices on a terminal. Both calls may reject, for
 * example without a token or without permission, and configure then asks for free text instead.
 */
export interface VaultRoleSource {
  /** Returns the role names from `LIST <mount>/roles`. */
  listRoles(mount: string): Promise<string[]>;
  /** Returns `role_arns` from `GET <mount>/roles/<role>`, empty when the role has none. */
  readRoleArns(mount: string, role: string): Promise<string[]>;
}

/** The Vault server configure talks to; unset fields fall back to VAULT_ADDR and VAULT_NAMESPACE. */
export interface VaultTarget {
  vaultAddr?: string;
  vaultNamespace?: string;
}

/** Returns a role source when a Vault token is at hand, else `undefined`. */
export type VaultRoleSourceFactory = (target: VaultTarget) => Promise<VaultRoleSource | undefined>;
