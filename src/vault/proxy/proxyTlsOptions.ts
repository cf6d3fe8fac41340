import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import type { TlsSettings } from '../readClientOptions';

/**
 * TLS options for a connection to `host`. The server name goes into SNI only when it is not an IP
 * address (RFC 6066 forbids that), but the certificate is always checked against it.
 */
export function tlsOptionsFor(host: string, tls: TlsSettings): ConnectionOptions {
  const serverName = tls.servername ?? host.replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = {
    host: host.replace(/^\[|\]$/g, ''),
    rejectUnauthorized: tls.rejectUnauthorized,
    minVersion: 'TLSv1.2',
    checkServerIdentity: (_name, certificate) => checkServerIdentity(serverName, certificate),
  };
  if (isIP(serverName) === 0) {
    options.servername = serverName;
  }

  if (tls.ca !== undefined) {
    options.ca = tls.ca;
  }

  if (tls.cert !== undefined && tls.key !== undefined) {
    options.cert = tls.cert;
    options.key = tls.key;
  }

  return options;
}

/** Go's transport uses the client's TLS settings for an https proxy too, with the proxy's host name. */
export function proxyTlsOptions(proxy: URL, tls: TlsSettings): ConnectionOptions {
  const { servername: _ignored, ...rest } = tls;
  return tlsOptionsFor(proxy.hostname, rest);
}
