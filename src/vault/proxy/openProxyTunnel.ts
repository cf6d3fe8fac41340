import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TlsSettings } from '../readClientOptions';
import { proxyTlsOptions } from './proxyTlsOptions';
import { describeProxy, type ProxyAddress } from './readProxySettings';
import { portOf } from '../portOf';

/** A proxy that responded to CONNECT with a status other than 2xx, so retrying cannot help. */
export class ProxyRefusedError extends Error {
  readonly code = 'EPROXYREFUSED';
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

/**
 * Opens a tunnel to `target` (host and port) through the proxy with `CONNECT host:port`, as Go's
 * transport does for https requests. Resolves with the raw socket once the proxy responds with 2xx.
 */
export function openProxyTunnel(proxy: ProxyAddress, target: URL, tls: TlsSettings, signal: AbortSignal): Promise<Duplex> {
  const authority = `${target.hostname}:${target.port === '' ? '443' : target.port}`;
  const headers: Record<string, string> = { Host: authority, ...proxyAuthorization(proxy.url) };
  const options = {
    method: 'CONNECT',
    host: proxy.url.hostname.replace(/^\[|\]$/g, ''),
    port: portOf(proxy.url),
    path: authority,
    headers,
    signal,
    agent: false as const,
  };

  return new Promise((resolve, reject) => {
    const request: ClientRequest =
      proxy.url.protocol === 'https:' ? httpsRequest({ ...options, ...proxyTlsOptions(proxy.url, tls) }) : httpRequest(options);

    request.on('connect', (response: IncomingMessage, socket: Duplex, head: Buffer) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        socket.destroy();
        reject(new ProxyRefusedError(`proxy ${describeProxy(proxy)} refused CONNECT ${authority}: HTTP ${status} ${response.statusMessage ?? ''}`.trim(), status));
        return;
      }

      if (head.length > 0) {
        socket.unshift(head);
      }

      resolve(socket);
    });
    request.on('error', (error) => reject(Object.assign(error, { proxy: describeProxy(proxy) })));
    request.end();
  });
}

/** `Proxy-Authorization: Basic …` from the user name and password in the proxy URL, as Go sends it. */
export function proxyAuthorization(url: URL): Record<string, string> {
  if (url.username === '' && url.password === '') {
    return {};
  }

  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { 'Proxy-Authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
