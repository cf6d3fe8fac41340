import type { VaultEmulator } from '../emulator';
import { createSandbox, type Sandbox } from './sandbox';
import { SCENARIO_ROLE_ARN } from './startScenarioVault';

let roleNumber = 0;

/**
 * Creates a sandbox whose profile `p` maps to a Vault role of its own, so that the request counts
 * of different tests never mix. `requests` counts the STS requests for that role.
 */
export function isolatedSandbox(vault: VaultEmulator): { sandbox: Sandbox; role: string; requests: () => number } {
  roleNumber += 1;
  const role = `role_${roleNumber}`;
  vault.addRole('aws', role, { credential_type: 'assumed_role', role_arns: [SCENARIO_ROLE_ARN] });
  const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
  sandbox.writeProfileMap(`[profile p]\nvault_role = ${role}\n`);
  return { sandbox, role, requests: () => vault.count({ method: 'POST', path: `aws/sts/${role}` }) };
}
