import { afterAll, beforeAll } from 'vitest';
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

export interface ScenarioVault {
  /** The running emulator; available from beforeAll on. */
  readonly vault: VaultEmulator;
  /** Counts the STS requests for `s3_access` so far. */
  stsRequests(): number;
}

/** Starts the reference-scenario Vault before the tests of the calling file and stops it after them. */
export function useScenarioVault(): ScenarioVault {
  let running: VaultEmulator | undefined;
  beforeAll(async () => {
    running = await startScenarioVault();
  });

  afterAll(async () => {
    await running?.close();
  });

  return {
    get vault(): VaultEmulator {
      if (running === undefined) {
        throw new Error('the scenario Vault is used before beforeAll started it');
      }

      return running;
    },
    stsRequests: () => running?.count({ method: 'POST', path: 'aws/sts/s3_access' }) ?? 0,
  };
}
