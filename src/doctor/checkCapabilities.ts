import type { ResolvedProfile } from '../profiles/resolveProfile';
import type { FoundToken } from '../vault/findToken';
import type { VaultClient } from '../vault/vaultClient';
import { findingsFor, type Finding } from './finding';

/**
 * Asks Vault with sys/capabilities-self whether the token may send `POST <mount>/sts/<role>`,
 * which needs the `update` capability (a root token has them all).
 */
export async function checkCapabilities(client: VaultClient, token: FoundToken, profile: ResolvedProfile): Promise<Finding> {
  const finding = findingsFor(`profile ${profile.profile}`);
  const path = `${profile.mount}/sts/${profile.role}`;

  let capabilities: string[];
  try {
    const response = await client.request({ method: 'POST', path: 'sys/capabilities-self', body: { paths: [path] }, token: token.token });
    capabilities = readCapabilities(response.body, path);
  } catch (error) {
    const found = `sys/capabilities-self failed: ${error instanceof Error ? error.message : String(error)}`;
    return finding.fail('token.capabilities', found, `run "vault token capabilities ${path}" to see Vault's error, then run doctor again`);
  }

  const list = capabilities.length === 0 ? 'none' : capabilities.join(', ');
  if (capabilities.includes('update') || capabilities.includes('root')) {
    return finding.pass('token.capabilities', `the token has ${list} on ${path}`);
  }

  return finding.fail(
    'token.capabilities',
    `the token has ${list} on ${path}, without update, so Vault rejects the credential request with 403`,
    `grant it in a policy of the token: path "${path}" { capabilities = ["update"] }`,
  );
}

/** Vault puts the list under data.<path>, and for a single path also under the older key `capabilities`. */
function readCapabilities(body: Record<string, unknown> | undefined, path: string): string[] {
  const data = (body?.['data'] as Record<string, unknown> | undefined) ?? body ?? {};
  const list = data[path] ?? data['capabilities'];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}
