import { startVaultEmulator, type RoleDefinition, type VaultEmulator } from '../emulator';

export const SCENARIO_ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';

/**
 * Starts the loopback Vault of the reference scenario: Vault 1.17.0 with the AWS engine at `aws/`
 * and the assumed_role role `s3_access`. `role` overrides fields of that role.
 */
export async function startScenarioVault(role: Partial<RoleDefinition> = {}): Promise<VaultEmulator> {
  const vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [SCENARIO_ROLE_ARN], ...role });
  return vault;
}
