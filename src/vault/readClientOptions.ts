import { readProxySettings, type ProxySettings } from './proxy/readProxySettings';
import { readTlsSettings, type CaCertOverride, type TlsSettings } from './readTlsSettings';
import { readMaxRetries, readTimeoutSeconds, readVaultBool } from './readScalarSettings';
import { readNonEmptyVaultVariable } from './readVaultVariable';

export type { TlsSettings } from './readTlsSettings';

type Environment = Record<string, string | undefined>;

export interface VaultClientOptions {
  address: string;
  namespace: string | undefined;
  /** Bound on a whole call, retries and waits included; 0 means no bound. */
  timeoutMs: number;
  /** What set `timeoutMs`, for the message when a call times out. */
  timeoutSource: string;
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
    timeoutSource: readNonEmptyVaultVariable(env, 'CLIENT_TIMEOUT')?.variable ?? 'the default; VAULT_CLIENT_TIMEOUT changes it',
    maxRetries: readMaxRetries(env),
    followRedirects: !readVaultBool(env, 'DISABLE_REDIRECTS', false),
    tls: readTlsSettings(env, target.caCert),
    proxy: readProxySettings(env),
  };
}

/**
 * Returns options whose timeout is at most `limitMs`. When the limit applies, timeout messages
 * name it by `purpose` ("on a refresh", ...), since VAULT_CLIENT_TIMEOUT did not set it.
 */
export function withTimeoutLimit(options: VaultClientOptions, limitMs: number, purpose: string): VaultClientOptions {
  if (options.timeoutMs > 0 && options.timeoutMs <= limitMs) {
    return options;
  }

  return { ...options, timeoutMs: limitMs, timeoutSource: `the ${limitMs / 1000} s limit ${purpose}` };
}
