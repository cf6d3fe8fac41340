import { formatDuration } from '../profiles/duration';
import { findToken, type FoundToken } from '../vault/findToken';
import type { VaultClient } from '../vault/vaultClient';
import { VaultRequestError } from '../vault/vaultRequestError';
import { findingsFor, type Finding } from './finding';

type Environment = Record<string, string | undefined>;

export const TOKEN_SUBJECT = 'Vault token';

/** Finds the Vault token the way credential-process does and reports where it came from, never the token itself. */
export async function checkTokenSource(env: Environment): Promise<{ finding: Finding; token: FoundToken | undefined }> {
  const finding = findingsFor(TOKEN_SUBJECT);
  try {
    const token = await findToken(env);
    return { finding: finding.pass('token.found', `found in ${token.source}`), token };
  } catch (error) {
    // The fix goes on its own line, so the message's own advice is cut off.
    const message = (error instanceof Error ? error.message : String(error)).replace(/; run "vault login" or set VAULT_TOKEN$/, '');
    return { finding: finding.fail('token.found', message, 'log in with "vault login", or set VAULT_TOKEN'), token: undefined };
  }
}

/**
 * Looks the token up at one Vault with auth/token/lookup-self: valid, time left and policies.
 * `neededSeconds` is the longest credential lifetime the profiles on this Vault request; a token
 * that expires sooner fails the next refresh.
 */
export async function checkTokenLookup(client: VaultClient, token: FoundToken, neededSeconds: number): Promise<Finding[]> {
  const finding = findingsFor(client.options.address);

  let data: Record<string, unknown>;
  try {
    const response = await client.request({ method: 'GET', path: 'auth/token/lookup-self', token: token.token });
    data = (response.body?.['data'] as Record<string, unknown> | undefined) ?? {};
  } catch (error) {
    if (error instanceof VaultRequestError && error.isInvalidToken) {
      return [finding.fail('token.valid', `Vault rejects the token from ${token.source} as invalid or expired`, 'log in again with "vault login"')];
    }

    if (error instanceof VaultRequestError && error.isPermissionDenied) {
      return [finding.warn('token.valid', 'the token may not look itself up (permission denied on auth/token/lookup-self), so its lifetime and policies are unknown', 'use a token created with the default policy (it allows auth/token/lookup-self), for example from "vault login"')];
    }

    const found = error instanceof Error ? error.message : String(error);
    return [finding.fail('token.valid', found, 'fix the Vault server findings above, or run "vault token lookup" to see Vault\'s error, then run doctor again')];
  }

  const name = typeof data['display_name'] === 'string' ? data['display_name'] : 'unknown';
  const findings = [finding.pass('token.valid', `valid, display name ${name}, type ${String(data['type'] ?? 'service')}`)];

  const ttl = typeof data['ttl'] === 'number' ? data['ttl'] : 0;
  const renewable = data['renewable'] === true ? ', renewable' : '';
  if (ttl <= 0) {
    findings.push(finding.pass('token.ttl', 'does not expire'));
  } else if (ttl < neededSeconds) {
    findings.push(
      finding.warn(
        'token.ttl',
        `expires in ${formatDuration(ttl)}${renewable}, before credentials requested now (${formatDuration(neededSeconds)}) run out, so the next refresh will fail`,
        'renew it with "vault token renew" or log in again',
      ),
    );
  } else {
    findings.push(finding.pass('token.ttl', `expires in ${formatDuration(ttl)}${renewable}`));
  }

  const policies = [...stringList(data['policies']), ...stringList(data['identity_policies']).map((policy) => `${policy} (identity)`)];
  findings.push(finding.pass('token.policies', policies.length === 0 ? 'no policies' : `policies: ${policies.join(', ')}`));
  return findings;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
