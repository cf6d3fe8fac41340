import type { ProfileMap } from '../profiles/readProfileMap';
import { DEFAULT_ADDRESS_SOURCE, DEFAULT_VAULT_ADDRESS, type ResolvedProfile } from '../profiles/resolveProfile';
import { readNonEmptyVaultVariable } from '../vault/readVaultVariable';

type Environment = Record<string, string | undefined>;

/** A Vault server and namespace, with the profiles that get credentials from it. */
export interface VaultTarget {
  address: string;
  /** Source of the address, for fixes: `VAULT_ADDR`, `vault_addr in [profile x] ...`. */
  addressSource: string;
  namespace: string | undefined;
  /** CA file from the profile map (vault_cacert or cacert), which wins over the CA variables. */
  caCert?: ResolvedProfile['caCert'];
  profiles: ResolvedProfile[];
}

/**
 * Groups the profiles by Vault address, namespace and CA file. Without any usable profile, returns the
 * Vault that a profile would use by default: VAULT_AGENT_ADDR or VAULT_ADDR (BAO_* first), else
 * addr in the map's [vault] section, else Vault's default address, as resolveProfile orders them.
 */
export function listVaultTargets(map: ProfileMap | undefined, profiles: readonly ResolvedProfile[], env: Environment): VaultTarget[] {
  const targets = new Map<string, VaultTarget>();
  for (const profile of profiles) {
    const key = JSON.stringify([profile.address, profile.namespace ?? '', profile.caCert?.path ?? '']);
    const target = targets.get(key) ?? {
      address: profile.address,
      addressSource: profile.addressSource,
      namespace: profile.namespace,
      caCert: profile.caCert,
      profiles: [],
    };
    target.profiles.push(profile);
    targets.set(key, target);
  }

  if (targets.size > 0) {
    return [...targets.values()];
  }

  const fromEnvironment = readNonEmptyVaultVariable(env, 'AGENT_ADDR') ?? readNonEmptyVaultVariable(env, 'ADDR');
  const fromMap = map?.vault?.settings.get('addr');
  const namespace = readNonEmptyVaultVariable(env, 'NAMESPACE')?.value ?? map?.vault?.settings.get('namespace')?.value;
  if (fromEnvironment !== undefined) {
    return [{ address: fromEnvironment.value.replace(/\/+$/, ''), addressSource: fromEnvironment.variable, namespace, profiles: [] }];
  }

  if (fromMap !== undefined && fromMap.value !== '') {
    return [{ address: fromMap.value.replace(/\/+$/, ''), addressSource: `addr in [vault] line ${fromMap.lineNumber}`, namespace, profiles: [] }];
  }

  return [{ address: DEFAULT_VAULT_ADDRESS, addressSource: DEFAULT_ADDRESS_SOURCE, namespace, profiles: [] }];
}
