/**
 * What configure needs from Vault to offer choices on a terminal and to check the values given
 * without one. Both calls may reject, for example without permission or when Vault cannot be
 * reached. The prompts then ask for free text, and the check writes the profile with a warning.
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

/**
 * Returns a role source for the target. Rejects with the reason, such as the places searched for
 * a token, when no source can be made. `undefined` turns off the prompts' choices and the check.
 */
export type VaultRoleSourceFactory = (target: VaultTarget) => Promise<VaultRoleSource | undefined>;
