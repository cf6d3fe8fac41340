import type { AwsMountOptions } from '../../types';
import type { AwsRoleEntry } from './awsRoleEntry';
import type { RoleSimulation } from './simulateSts';

/** Vault's system default and maximum lease TTL: 768h. */
export const SYSTEM_MAX_LEASE_TTL_SECONDS = 2_764_800;

/** The state of one mounted AWS secrets engine. */
export interface AwsEngine {
  options: Required<AwsMountOptions>;
  roles: Map<string, AwsRoleEntry>;
  simulations: Map<string, RoleSimulation>;
}

export function createAwsEngine(options: AwsMountOptions = {}): AwsEngine {
  return { options: resolveMountOptions(options), roles: new Map(), simulations: new Map() };
}

export function resolveMountOptions(options: AwsMountOptions, base?: Required<AwsMountOptions>): Required<AwsMountOptions> {
  const defaults: Required<AwsMountOptions> = base ?? {
    maxLeaseTtlSeconds: SYSTEM_MAX_LEASE_TTL_SECONDS,
    defaultLeaseTtlSeconds: SYSTEM_MAX_LEASE_TTL_SECONDS,
    leaseSeconds: 0,
    leaseMaxSeconds: 0,
    roleChaining: false,
    rootCredentials: false,
    vaultIdentityArn: 'arn:aws:iam::123456789012:user/vault',
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaults, ...defined };
}
