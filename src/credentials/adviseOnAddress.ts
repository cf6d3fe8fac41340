import { DEFAULT_ADDRESS_SOURCE } from '../profiles/resolveProfile';

/**
 * Says where a Vault address came from and how to change it, for messages about a Vault that could
 * not be reached: the variable or profile map key that set it, or that none did.
 */
export function adviseOnAddress(address: string, addressSource: string): string {
  if (addressSource === DEFAULT_ADDRESS_SOURCE) {
    return `VAULT_ADDR is unset, so vault-aws used the default address ${address}; set VAULT_ADDR (or vault_addr in the profile map) to your Vault's address`;
  }

  return `the address came from ${addressSource}; correct it there if Vault runs elsewhere`;
}
