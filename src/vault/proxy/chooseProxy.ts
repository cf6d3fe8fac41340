import { BlockList, isIP } from 'node:net';
import type { NoProxyRule } from './parseNoProxy';
import type { ProxyAddress, ProxySettings } from './readProxySettings';

/**
 * Returns the proxy for a request to `target`, or undefined to connect directly. With the standard
 * variables, https requests use `HTTPS_PROXY` and http requests `HTTP_PROXY`, and, as in Go,
 * `localhost`, loopback addresses and hosts matched by `NO_PROXY` are never proxied.
 */
export function chooseProxy(settings: ProxySettings, target: URL): ProxyAddress | undefined {
  if (settings.kind === 'vault') {
    return settings.proxy;
  }

  const proxy = target.protocol === 'https:' ? settings.https : settings.http;
  if (proxy === undefined) {
    return undefined;
  }

  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port === '' ? (target.protocol === 'https:' ? '443' : '80') : target.port;
  if (host === 'localhost' || isLoopback(host)) {
    return undefined;
  }

  return settings.noProxy.some((rule) => matchesRule(rule, host, port)) ? undefined : proxy;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

function isLoopback(host: string): boolean {
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function matchesRule(rule: NoProxyRule, host: string, port: string): boolean {
  const family = isIP(host);
  switch (rule.kind) {
    case 'all':
      return true;
    case 'network':
      return family !== 0 && rule.addresses.check(host, family === 4 ? 'ipv4' : 'ipv6');
    case 'ip':
      return family !== 0 && sameAddress(rule.address, host) && (rule.port === '' || rule.port === port);
    case 'domain': {
      const matches = host.endsWith(rule.suffix) || (rule.matchesItself && host === rule.suffix.slice(1));
      return matches && (rule.port === '' || rule.port === port);
    }
  }
}

function sameAddress(left: string, right: string): boolean {
  if (left === right) {
    return true;
  }

  const family = isIP(left);
  if (family === 0 || family !== isIP(right)) {
    return false;
  }

  const list = new BlockList();
  list.addAddress(left, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(right, family === 4 ? 'ipv4' : 'ipv6');
}
