import { ConfigError } from '../errors';
import { parseDurationSeconds } from '../profiles/duration';
import { parseGoBool } from './parseGoBool';
import { readNonEmptyVaultVariable } from './readVaultVariable';

/*
 * The Vault client settings that are plain values in the environment. The cache-hit path checks
 * them too, so that a mistyped value fails at once and not only when the cache runs out.
 */

type Environment = Record<string, string | undefined>;

const DEFAULT_TIMEOUT_SECONDS = 60;
const DEFAULT_MAX_RETRIES = 2;

/** Checks the plain-value variables and throws a ConfigError naming the first invalid one. */
export function checkScalarSettings(env: Environment): void {
  readTimeoutSeconds(env);
  readMaxRetries(env);
  readVaultBool(env, 'DISABLE_REDIRECTS', false);
  readVaultBool(env, 'SKIP_VERIFY', false);
}

export function readTimeoutSeconds(env: Environment): number {
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

export function readMaxRetries(env: Environment): number {
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

export function readVaultBool(env: Environment, name: string, fallback: boolean): boolean {
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
