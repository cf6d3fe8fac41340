import { isIP } from 'node:net';
import type { VaultClientOptions } from '../vault/readClientOptions';
import { findingsFor, type Finding } from './finding';

/** Reports how requests reach Vault once a request has succeeded: verified TLS, unverified TLS, plain HTTP or a unix socket. */
export function describeTransport(options: VaultClientOptions): Finding {
  const finding = findingsFor(options.address);
  const url = new URL(options.address);

  if (url.protocol === 'unix:') {
    return finding.pass('vault.tls', 'unix socket, no TLS needed');
  }

  if (url.protocol === 'http:') {
    if (isLoopback(url.hostname)) {
      return finding.pass('vault.tls', 'plain HTTP to a loopback address');
    }

    return finding.warn('vault.tls', 'plain HTTP: the Vault token and the AWS credentials cross the network unencrypted', 'use an https:// address');
  }

  if (!options.tls.rejectUnauthorized) {
    return finding.warn('vault.tls', 'the certificate is not verified because VAULT_SKIP_VERIFY is set', 'unset VAULT_SKIP_VERIFY and set VAULT_CACERT to the CA certificate file instead');
  }

  const roots = options.tls.ca === undefined ? 'the system CA certificates' : 'the CA certificates from VAULT_CACERT, VAULT_CACERT_BYTES or VAULT_CAPATH';
  return finding.pass('vault.tls', `certificate trusted, verified against ${roots}`);
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') {
    return true;
  }

  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }

  return host === '::1';
}
