import type { VaultRoleSource, VaultRoleSourceFactory } from '../aws-config/vaultRoleSource';
import { DEFAULT_VAULT_ADDRESS } from '../profiles/resolveProfile';
import { findToken } from '../vault/findToken';
import { readClientOptions, withTimeoutLimit } from '../vault/readClientOptions';
import { readNonEmptyVaultVariable } from '../vault/readVaultVariable';
import { createVaultClient } from '../vault/vaultClient';

type Environment = Record<string, string | undefined>;

/**
 * Bound on each request of configure's role lookups, retries included, so that an unreachable
 * Vault delays configure by seconds. A shorter VAULT_CLIENT_TIMEOUT applies as given.
 */
export const ROLE_LOOKUP_TIMEOUT_MS = 3_000;

/**
 * Creates the role source `configure` checks and offers choices from: `LIST <mount>/roles` and the
 * role read, with the token the Vault CLI would use. Rejects with the places checked when no token
 * is found.
 */
export function createVaultRoleSourceFactory(env: Environment = process.env): VaultRoleSourceFactory {
  return async (target) => {
    const { token } = await findToken(env);
    const address = target.vaultAddr ?? readNonEmptyVaultVariable(env, 'AGENT_ADDR')?.value ?? readNonEmptyVaultVariable(env, 'ADDR')?.value ?? DEFAULT_VAULT_ADDRESS;
    const namespace = target.vaultNamespace ?? readNonEmptyVaultVariable(env, 'NAMESPACE')?.value;
    const options = readClientOptions(env, { address, namespace });
    const client = createVaultClient(withTimeoutLimit(options, ROLE_LOOKUP_TIMEOUT_MS, 'on reading the Vault role in configure'));

    const source: VaultRoleSource = {
      async listRoles(mount) {
        const response = await client.request({ method: 'LIST', path: `${mount}/roles`, token });
        const keys = (response.body?.['data'] as Record<string, unknown> | undefined)?.['keys'];
        return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
      },
      async readRoleArns(mount, role) {
        const response = await client.request({ method: 'GET', path: `${mount}/roles/${role}`, token });
        const arns = (response.body?.['data'] as Record<string, unknown> | undefined)?.['role_arns'];
        return Array.isArray(arns) ? arns.filter((arn): arn is string => typeof arn === 'string') : [];
      },
    };
    return source;
  };
}
