import { ConfigError } from '../../errors';
import { readNonEmptyVaultVariable } from '../readVaultVariable';
import { parseNoProxy, type NoProxyRule } from './parseNoProxy';

type Environment = Record<string, string | undefined>;

/** A proxy URL and the variable that named it, for messages. */
export interface ProxyAddress {
  url: URL;
  variable: string;
}

/**
 * How requests reach Vault. `VAULT_PROXY_ADDR` (or `VAULT_HTTP_PROXY`) sends every request through
 * one proxy and replaces the standard variables, as the Vault client does; otherwise the standard
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` apply with Go's rules.
 */
export type ProxySettings =
  | { kind: 'vault'; proxy: ProxyAddress }
  | { kind: 'standard'; https: ProxyAddress | undefined; http: ProxyAddress | undefined; noProxy: NoProxyRule[] };

export function readProxySettings(env: Environment): ProxySettings {
  const vaultProxy = readNonEmptyVaultVariable(env, 'PROXY_ADDR') ?? readNonEmptyVaultVariable(env, 'HTTP_PROXY');
  if (vaultProxy !== undefined) {
    return { kind: 'vault', proxy: parseProxyAddress(vaultProxy.value, vaultProxy.variable) };
  }

  const https = readStandardVariable(env, 'HTTPS_PROXY');
  const http = readStandardVariable(env, 'HTTP_PROXY');
  const noProxy = readStandardVariable(env, 'NO_PROXY');
  return {
    kind: 'standard',
    https: https === undefined ? undefined : parseProxyAddress(https.value, https.variable),
    http: http === undefined ? undefined : parseProxyAddress(http.value, http.variable),
    noProxy: noProxy === undefined ? [] : parseNoProxy(noProxy.value),
  };
}

/** Go reads the upper-case name first and falls back to the lower-case one; an empty value is unset. */
function readStandardVariable(env: Environment, name: string): { value: string; variable: string } | undefined {
  for (const variable of [name, name.toLowerCase()]) {
    const value = env[variable];
    if (value !== undefined && value !== '') {
      return { value, variable };
    }
  }

  return undefined;
}

/**
 * Parses a proxy address as Go's `httpproxy` does: a value without a scheme, such as
 * `proxy.corp:3128`, means `http://proxy.corp:3128`. Only http and https proxies are supported.
 */
export function parseProxyAddress(value: string, variable: string): ProxyAddress {
  const text = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new ConfigError(`${variable} is not a proxy URL; use http://HOST:PORT`, { cause: error });
  }

  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${variable} uses the ${url.protocol.slice(0, -1)} scheme, which vault-aws does not support; use an http:// or https:// proxy`);
  }

  if (url.hostname === '') {
    throw new ConfigError(`${variable} names no proxy host; use http://HOST:PORT`);
  }

  return { url, variable };
}

/** The proxy's origin without user name or password, for messages and debug output. */
export function describeProxy(proxy: ProxyAddress): string {
  return `${proxy.url.protocol}//${proxy.url.host} (${proxy.variable})`;
}
