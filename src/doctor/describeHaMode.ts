import type { VaultClient } from '../vault/vaultClient';
import type { Finding, FindingBuilder } from './finding';
import type { SysHealth } from './requestSysHealth';

/** Reports the node's HA mode from sys/leader and sys/health. Call it only for an unsealed node. */
export async function describeHaMode(client: VaultClient, health: SysHealth | undefined, finding: FindingBuilder): Promise<Finding> {
  let leader: Record<string, unknown> | undefined;
  try {
    leader = (await client.request({ method: 'GET', path: 'sys/leader' })).body;
  } catch (error) {
    if (health === undefined) {
      return finding.skip('vault.ha', `sys/leader and sys/health failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const haEnabled = leader?.['ha_enabled'];
  const address = leader?.['leader_address'];
  const activeNode = typeof address === 'string' && address !== '' ? `the active node at ${address}` : 'the active node, whose address Vault does not report';
  const standby = health?.body['standby'] === true || leader?.['is_self'] === false;
  const performanceStandby = health?.body['performance_standby'] === true || leader?.['performance_standby'] === true;

  if (haEnabled === false) {
    return finding.pass('vault.ha', 'HA disabled, a single active node');
  }

  if (performanceStandby) {
    return finding.pass('vault.ha', `performance standby, which serves reads and forwards writes to ${activeNode}`);
  }

  if (standby) {
    return finding.warn(
      'vault.ha',
      `standby node: requests go on to ${activeNode}, forwarded or redirected, and fail while it is down`,
      'point VAULT_ADDR at the cluster\'s load balancer or at the active node',
    );
  }

  return finding.pass('vault.ha', haEnabled === true ? 'active node, HA enabled' : 'active node');
}
