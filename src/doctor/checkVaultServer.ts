import { adviseOnAddress } from '../credentials/adviseOnAddress';
import { VaultRequestError } from '../vault/vaultRequestError';
import type { VaultClient } from '../vault/vaultClient';
import { describeClockSkew } from './describeClockSkew';
import { describeHaMode } from './describeHaMode';
import { describeTransport } from './describeTransport';
import { findingsFor, type Finding } from './finding';
import { requestSysHealth, type SysHealth } from './requestSysHealth';

export interface VaultServerResult {
  findings: Finding[];
  /** Whether Vault responded and is initialized and unsealed, so that token and role checks can run. */
  usable: boolean;
}

/**
 * Checks the Vault server at the client's address: reachable, TLS, initialized, sealed, version,
 * storage, HA mode and clock skew. Uses the unauthenticated sys/seal-status, sys/health and
 * sys/leader endpoints.
 */
export async function checkVaultServer(client: VaultClient, addressSource: string): Promise<VaultServerResult> {
  const address = client.options.address;
  const finding = findingsFor(address);
  const findings: Finding[] = [];

  const started = Date.now();
  let sealStatus: Record<string, unknown>;
  try {
    sealStatus = (await client.request({ method: 'GET', path: 'sys/seal-status' })).body ?? {};
  } catch (error) {
    const fix = `${adviseOnAddress(address, addressSource)}, and check that Vault is running there`;
    findings.push(finding.fail('vault.reachable', describeError(error), fix));
    if (error instanceof VaultRequestError && error.kind === 'tls') {
      findings.push(finding.fail('vault.tls', 'the server certificate is not trusted', 'set VAULT_CACERT to the file of the CA certificate that signed Vault\'s certificate'));
    }

    return { findings, usable: false };
  }

  findings.push(finding.pass('vault.reachable', `sys/seal-status responded in ${Date.now() - started} ms`));
  findings.push(describeTransport(client.options));

  const initialized = sealStatus['initialized'] === true;
  const sealed = sealStatus['sealed'] !== false;
  if (initialized) {
    findings.push(finding.pass('vault.initialized', 'initialized'));
  } else {
    findings.push(finding.fail('vault.initialized', 'Vault is not initialized', 'initialize it with "vault operator init"'));
  }

  if (!sealed) {
    findings.push(finding.pass('vault.sealed', 'unsealed'));
  } else if (initialized) {
    const progress = `${String(sealStatus['progress'] ?? 0)} of ${String(sealStatus['t'] ?? '?')} unseal keys entered`;
    findings.push(finding.fail('vault.sealed', `Vault is sealed (${progress}) and cannot issue credentials`, 'unseal it with "vault operator unseal"'));
  }

  let health: SysHealth | undefined;
  let healthError: string | undefined;
  try {
    health = await requestSysHealth(client.options);
  } catch (error) {
    healthError = describeError(error);
  }

  const version = typeof sealStatus['version'] === 'string' ? sealStatus['version'] : health?.body['version'];
  findings.push(typeof version === 'string' ? finding.pass('vault.version', `version ${version}`) : finding.skip('vault.version', 'Vault did not report its version'));

  const storage = sealStatus['storage_type'];
  findings.push(typeof storage === 'string' && storage !== '' ? finding.pass('vault.storage', `storage ${storage}`) : finding.skip('vault.storage', 'Vault did not report its storage type'));

  if (!sealed) {
    findings.push(await describeHaMode(client, health, finding));
  }

  findings.push(health === undefined ? finding.skip('vault.clock', `sys/health failed: ${healthError ?? 'no answer'}`) : describeClockSkew(health, finding));
  return { findings, usable: initialized && !sealed };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
