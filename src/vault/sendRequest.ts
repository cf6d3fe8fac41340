import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { openProxyTunnel, proxyAuthorization } from './proxy/openProxyTunnel';
import { proxyTlsOptions, tlsOptionsFor } from './proxy/proxyTlsOptions';
import { describeProxy, type ProxyAddress } from './proxy/readProxySettings';
import type { TlsSettings } from './readClientOptions';
import { portOf } from './portOf';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  method: string;
  /** An http or https URL; with `socketPath`, only its path and query are used. */
  url: URL;
  /** A unix socket to send the request over, as for a `unix:///path` address. */
  socketPath?: string;
  /** A proxy for this request, as chosen by chooseProxy; never used with `socketPath`. */
  proxy?: ProxyAddress;
  headers: Record<string, string>;
  body: string | undefined;
  tls: TlsSettings;
  signal: AbortSignal;
}

/** Maximum response body accepted, in bytes. Vault's responses to this tool are a few KiB. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

type Send = (options: RequestOptions, onResponse: (response: IncomingMessage) => void) => ClientRequest;

/**
 * Sends one HTTP request and reads the whole response; rejects on connection errors and on abort.
 * Through a proxy, an http request goes to the proxy with the absolute URL as its target, and an
 * https request through a CONNECT tunnel, so that the proxy never sees the token.
 */
export async function sendRequest(options: SendOptions): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) {
    headers['Content-Length'] = Buffer.byteLength(options.body).toString();
  }

  const { send, requestOptions } = await connectionFor(options, headers);
  try {
    return await exchange(send, { ...requestOptions, method: options.method, headers, signal: options.signal }, options.body);
  } catch (error) {
    // Errors of a plain http request through a proxy are errors of the connection to the proxy.
    if (options.proxy !== undefined && options.url.protocol === 'http:' && error instanceof Error) {
      Object.assign(error, { proxy: describeProxy(options.proxy) });
    }

    throw error;
  }
}

async function connectionFor(options: SendOptions, headers: Record<string, string>): Promise<{ send: Send; requestOptions: RequestOptions }> {
  const { url, proxy } = options;
  const path = `${url.pathname}${url.search}`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = portOf(url);

  if (options.socketPath !== undefined) {
    return { send: httpRequest, requestOptions: { socketPath: options.socketPath, path, host: 'localhost', agent: false } };
  }

  if (proxy === undefined) {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const tls = url.protocol === 'https:' ? tlsOptionsFor(url.hostname, options.tls) : {};
    return { send, requestOptions: { ...tls, host, port, path, agent: false } };
  }

  if (url.protocol === 'http:') {
    Object.assign(headers, { Host: url.host }, proxyAuthorization(proxy.url));
    const proxyHost = proxy.url.hostname.replace(/^\[|\]$/g, '');
    const proxyPort = portOf(proxy.url);
    const viaTls = proxy.url.protocol === 'https:';
    return {
      send: viaTls ? httpsRequest : httpRequest,
      requestOptions: { ...(viaTls ? proxyTlsOptions(proxy.url, options.tls) : {}), host: proxyHost, port: proxyPort, path: url.href, agent: false },
    };
  }

  const tunnel = await openProxyTunnel(proxy, url, options.tls, options.signal);
  const secure = tlsConnect({ ...tlsOptionsFor(url.hostname, options.tls), socket: tunnel });
  headers['Host'] = url.host;
  return { send: httpRequest, requestOptions: { host, port, path, createConnection: () => secure } };
}

function exchange(send: Send, requestOptions: RequestOptions, body: string | undefined): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = send(requestOptions, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy(Object.assign(new Error(`a response body larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`), { code: 'ERESPONSETOOLARGE' }));
          return;
        }

        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('aborted', () => reject(Object.assign(new Error('connection closed before the response body ended'), { code: 'ECONNRESET' })));
      response.on('end', () => {
        if (response.complete) {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
        } else {
          reject(Object.assign(new Error('connection closed before the response body ended'), { code: 'ECONNRESET' }));
        }
      });
    });

    request.on('error', reject);
    request.end(body);
  });
}
