import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import { parseDurationSeconds } from '../profiles/duration';
import { parseGoBool } from './parseGoBool';
import { readNonEmptyVaultVariable } from './readVaultVariable';

type Environment = Record<string, string | undefined>;

export interface TlsSettings {
  /** PEM certificates that replace the system roots, as the Vault client does with a custom CA. */
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  servername?: string;
}

export interface VaultClientOptions {
  address: string;
  namespace: string | undefined;
  /** Bound on a whole call, retries and waits included; 0 means no bound. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  followRedirects: boolean;
  tls: TlsSettings;
}

export const DEFAULT_TIMEOUT_SECONDS = 60;
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Reads the Vault client settings from the environment with the official client's names, parsing
 * and defaults. `address` and `namespace` come from the profile, which applies its own precedence.
 * `overrides` carries per-profile values that win over the environment (for example a CA file).
 */
export function readClientOptions(
  env: Environment,
  target: { address: string; namespace: string | undefined },
  overrides: { caCert?: string } = {},
): VaultClientOptions {
  return {
    address: target.address,
    namespace: target.namespace,
    timeoutMs: readTimeoutSeconds(env) * 1000,
    maxRetries: readMaxRetries(env),
    followRedirects: !readBool(env, 'DISABLE_REDIRECTS', false),
    tls: readTlsSettings(env, overrides.caCert),
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

  if (!/^\d+$/.test(found.value.trim())) {
    throw new ConfigError(`could not parse ${found.variable}=${JSON.stringify(found.value)}; use a whole number of retries (0 disables them)`);
  }

  return Number(found.value.trim());
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

function readTlsSettings(env: Environment, caCertOverride: string | undefined): TlsSettings {
  const tls: TlsSettings = { rejectUnauthorized: !readBool(env, 'SKIP_VERIFY', false) };

  const caFile = caCertOverride ?? readNonEmptyVaultVariable(env, 'CACERT')?.value;
  const caBytes = readNonEmptyVaultVariable(env, 'CACERT_BYTES');
  const caPath = readNonEmptyVaultVariable(env, 'CAPATH');
  if (caFile !== undefined) {
    tls.ca = [readPem(caFile, caCertOverride === undefined ? 'VAULT_CACERT' : 'the profile\'s vault_cacert')];
  } else if (caBytes !== undefined) {
    tls.ca = [caBytes.value];
  } else if (caPath !== undefined) {
    tls.ca = readPemDirectory(caPath.value, caPath.variable);
  }

  const cert = readNonEmptyVaultVariable(env, 'CLIENT_CERT');
  const key = readNonEmptyVaultVariable(env, 'CLIENT_KEY');
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? 'VAULT_CLIENT_CERT' : 'VAULT_CLIENT_KEY';
    throw new ConfigError(`both client cert and client key must be provided: ${missing} is not set`);
  }

  if (cert !== undefined && key !== undefined) {
    tls.cert = readPem(cert.value, cert.variable);
    tls.key = readPem(key.value, key.variable);
  }

  const serverName = readNonEmptyVaultVariable(env, 'TLS_SERVER_NAME');
  if (serverName !== undefined) {
    tls.servername = serverName.value;
  }

  return tls;
}

function readPem(path: string, source: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${path} named by ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: path, cause: error });
  }
}

function readPemDirectory(directory: string, source: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch (error) {
    throw new ConfigError(`cannot read the directory ${directory} named by ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file: directory, cause: error });
  }

  const pems = names.filter((name) => name.endsWith('.pem')).map((name) => readPem(join(directory, name), source));
  if (pems.length === 0) {
    throw new ConfigError(`the directory ${directory} named by ${source} holds no .pem files`, { file: directory });
  }

  return pems;
}
