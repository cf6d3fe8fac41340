import { readProxySettings, type ProxySettings } from './proxy/readProxySettings';
import { readTlsSettings, type CaCertOverride, type TlsSettings } from './readTlsSettings';
import { readMaxRetries, readTimeoutSeconds, readVaultBool } from './readScalarSettings';

export type { TlsSettings } from './readTlsSettings';

type Environment = Record<string, string | undefined>;

export interface VaultClientOptions {
  address: string;
  namespace: string | undefined;
  /** Bound on a whole call, retries and waits included; 0 means no bound. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  followRedirects: boolean;
  tls: TlsSettings;
  proxy: ProxySettings;
}

/**
 * Reads the Vault client settings from the environment with the official client's names, parsing
 * and defaults. `address` and `namespace` come from the profile, which applies its own precedence,
 * and so does `caCert`, a CA file from the profile map that wins over the CA variables.
 */
export function readClientOptions(
  env: Environment,
  target: { address: string; namespace: string | undefined; caCert?: CaCertOverride | undefined },
): VaultClientOptions {
  return {
    address: target.address,
    namespace: target.namespace,
    timeoutMs: readTimeoutSeconds(env) * 1000,
    maxRetries: readMaxRetries(env),
    followRedirects: !readVaultBool(env, 'DISABLE_REDIRECTS', false),
    tls: readTlsSettings(env, target.caCert),
    proxy: readProxySettings(env),
  };
}
