type Environment = Record<string, string | undefined>;

/**
 * Reads a Vault client setting from the environment by its suffix (`ADDR`, `TOKEN`, ...).
 * OpenBao's client reads `BAO_<name>` first and takes it whenever it is set, even to an empty
 * string, so `BAO_ADDR=` hides `VAULT_ADDR`; this does the same.
 * Returns the value and the name of the variable it came from.
 */
export function readVaultVariable(env: Environment, name: string): { value: string; variable: string } | undefined {
  const baoName = `BAO_${name}`;
  const baoValue = env[baoName];
  if (baoValue !== undefined) {
    return { value: baoValue, variable: baoName };
  }

  const vaultName = `VAULT_${name}`;
  const vaultValue = env[vaultName];
  return vaultValue === undefined ? undefined : { value: vaultValue, variable: vaultName };
}

/** Like readVaultVariable, but an empty value counts as unset. */
export function readNonEmptyVaultVariable(env: Environment, name: string): { value: string; variable: string } | undefined {
  const found = readVaultVariable(env, name);
  return found === undefined || found.value === '' ? undefined : found;
}
