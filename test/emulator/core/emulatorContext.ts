import type { EmulatorState } from '../types';
import type { PolicyStore } from './acl/policyStore';
import type { MountTable } from './mountTable';
import type { LeaseStore } from './leases/leaseStore';
import type { TokenStore } from './tokens/tokenStore';
import type { VaultFeatures } from './vaultFeatures';

/** Everything the request handlers share. */
export interface EmulatorContext {
  state: EmulatorState;
  features(): VaultFeatures;
  /** The emulated Vault clock in milliseconds: real time plus `state.clockSkewMs`. */
  vaultNow(): number;
  tokens: TokenStore;
  policies: PolicyStore;
  leases: LeaseStore;
  mounts: MountTable;
  clusterName: string;
  clusterId: string;
}
