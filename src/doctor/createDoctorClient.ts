import { readClientOptions, withTimeoutLimit, type VaultClientOptions } from '../vault/readClientOptions';
import { createVaultClient, type VaultClient } from '../vault/vaultClient';

type Environment = Record<string, string | undefined>;

/** Maximum wait for one doctor request, in milliseconds; VAULT_CLIENT_TIMEOUT lowers it. */
const DOCTOR_TIMEOUT_MS = 15_000;

/**
 * Creates a Vault client for diagnosis: without retries, so that every response is reported as it
 * came, and with a short timeout, so that an unreachable address does not stall the report.
 * Throws a ConfigError for invalid VAULT_* settings.
 */
export function createDoctorClient(env: Environment, target: Parameters<typeof readClientOptions>[1]): VaultClient {
  const options: VaultClientOptions = readClientOptions(env, target);
  return createVaultClient({ ...withTimeoutLimit(options, DOCTOR_TIMEOUT_MS, 'on each doctor request'), maxRetries: 0 });
}
