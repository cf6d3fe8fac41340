import type { EmulatorState } from '../types';
import { createSystemBackend } from '../backends/system/createSystemBackend';
import { createTokenBackend } from '../backends/token/createTokenBackend';
import { PolicyStore } from './acl/policyStore';
import type { EmulatorContext } from './emulatorContext';
import { LeaseStore } from './leases/leaseStore';
import { MountTable } from './mountTable';
import { preciseNow } from './preciseNow';
import { randomBase62, randomString, randomUuid } from './randomValues';
import { TokenStore } from './tokens/tokenStore';
import { vaultFeatures, type VaultFeatures } from './vaultFeatures';

/** Creates the shared state of a fresh, unsealed, active node with a root token and the `sys/` and `auth/token/` mounts. */
export function createEmulatorContext(version: string, rootToken: string | undefined): { context: EmulatorContext; rootToken: string } {
  vaultFeatures(version);

  const state: EmulatorState = {
    version,
    sealed: false,
    initialized: true,
    standby: false,
    perfStandby: false,
    drSecondary: false,
    removedFromCluster: false,
    haUnhealthy: false,
    clockSkewMs: 0,
    activeAddress: null,
    requireRequestHeader: false,
    rateLimit: null,
    overloaded: false,
  };

  let cached: VaultFeatures | undefined;
  const vaultNow = (): number => preciseNow() + state.clockSkewMs;
  const context: EmulatorContext = {
    state,
    features: () => {
      if (cached?.version !== state.version) {
        cached = vaultFeatures(state.version);
      }

      return cached;
    },
    vaultNow,
    tokens: new TokenStore(vaultNow),
    policies: new PolicyStore(),
    leases: new LeaseStore(),
    mounts: new MountTable(),
    clusterName: `vault-cluster-${randomString('0123456789abcdef', 8)}`,
    clusterId: randomUuid(),
  };

  context.mounts.mount('sys', createSystemBackend());
  context.mounts.mount('auth/token', createTokenBackend());

  const root = context.tokens.add({
    id: rootToken ?? `hvs.${randomBase62()}`,
    policies: ['root'],
    path: 'auth/token/root',
    displayName: 'root',
    orphan: true,
    renewable: false,
    creationTimeMs: vaultNow(),
    expireTimeMs: null,
  });
  return { context, rootToken: root.id };
}
