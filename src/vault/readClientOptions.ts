import { ConfigError } from '../errors';
import { parseDurationSeconds } from '../profiles/duration';
import { parseGoBool } from './parseGoBool';
import { readProxySettings, type ProxySettings } from './proxy/readProxySettings';
import { readTlsSettings, type CaCertOverride, type TlsSettings } from './readTlsSettings';
import { readNonEmptyVaultVariable } from './readVaultVariable';

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

export const DEFAULT_TIMEOUT_SECONDS = 60;
export const DEFAULT_MAX_RETRIES = 2;

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
    followRedirects: !readBool(env, 'DISABLE_REDIRECTS', false),
    tls: readTlsSettings(env, target.caCert),
    proxy: readProxySettings(env),
  };
}

function readTimeoutSeconds(env: Environment): number {
  const found = readNonEmptyVaultVariable(env, 'CLIENT_TIMEOUT');
  if (found === undefined) {
    return DEFAULT_TIMEOUT_SECONDS;
  }

  const seconds = parseDurationSeconds(found.value);
  if (seconds === undefined) {
    throw new ConfigError(`could not parse ${found.variable}=${JSON.stringify(found.value)}; use seconds (60) or a duration (60s, 2m)`);
  }

  return seconds;
}

function readMaxRetries(env: Environment): number {
  const found = readNonEmptyVaultVariable(env, 'MAX_RETRIES');
  if (found === undefined) {
    return DEFAULT_MAX_RETRIES;
  }

  // Go parses it with strconv.ParseUint, which takes decimal digits only.
  if (!/^\d{1,9}$/.test(found.value)) {
    throw new ConfigError(`could not parse ${found.variable}=${JSON.stringify(found.value)}; use a whole number of retries (0 disables them)`);
  }

  return Number(found.value);
}

function readBool(env: Environment, name: string, fallback: boolean): boolean {
  const found = readNonEmptyVaultVariable(env, name);
  if (found === undefined) {
    return fallback;
  }

  const value = parseGoBool(found.value);
  if (value === undefined) {
    throw new ConfigError(`could not parse ${found.variable}=${JSON.stringify(found.value)}; use true or false (also 1, 0, t, f)`);
  }

  return value;
}
