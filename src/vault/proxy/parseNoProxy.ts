import { BlockList, isIP } from 'node:net';

/** One `NO_PROXY` entry: every host, an IP address or network, or a domain. */
export type NoProxyRule =
  | { kind: 'all' }
  | { kind: 'network'; addresses: BlockList }
  | { kind: 'ip'; address: string; port: string }
  | { kind: 'domain'; suffix: string; matchesItself: boolean; port: string };

/**
 * Parses `NO_PROXY` with the rules of Go's `golang.org/x/net/http/httpproxy`: comma-separated,
 * case-insensitive entries; `*` alone matches every host; an IP address or CIDR network; a domain
 * (`corp.example` matches itself and its subdomains, `.corp.example` and `*.corp.example` only
 * subdomains); an IP address or domain may carry a port. Malformed entries are skipped, as Go does.
 */
export function parseNoProxy(value: string): NoProxyRule[] {
  const rules: NoProxyRule[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') {
      continue;
    }

    if (entry === '*') {
      return [{ kind: 'all' }];
    }

    const network = parseNetwork(entry);
    if (network !== undefined) {
      rules.push(network);
      continue;
    }

    const { host, port } = splitHostPort(entry);
    if (host === '') {
      continue;
    }

    if (isIP(host) !== 0) {
      rules.push({ kind: 'ip', address: host, port });
      continue;
    }

    const domain = host.startsWith('*.') ? host.slice(1) : host;
    const matchesItself = !domain.startsWith('.');
    rules.push({ kind: 'domain', suffix: matchesItself ? `.${domain}` : domain, matchesItself, port });
  }

  return rules;
}

function parseNetwork(entry: string): NoProxyRule | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  const family = match === null ? 0 : isIP(match[1] as string);
  if (match === null || family === 0) {
    return undefined;
  }

  const prefix = Number(match[2]);
  if (prefix > (family === 4 ? 32 : 128)) {
    return undefined;
  }

  const addresses = new BlockList();
  addresses.addSubnet(match[1] as string, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return { kind: 'network', addresses };
}

/** Splits `host:port` or `[v6]:port`; a bare IPv6 address or a host without a port keeps port ''. */
function splitHostPort(entry: string): { host: string; port: string } {
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(entry);
  if (bracketed !== null) {
    return { host: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  }

  const withPort = /^([^:]*):(\d+)$/.exec(entry);
  if (withPort !== null) {
    return { host: withPort[1] ?? '', port: withPort[2] ?? '' };
  }

  return { host: entry, port: '' };
}
