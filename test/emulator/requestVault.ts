import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface VaultResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface VaultRequestOptions {
  method?: string;
  /** Path after `/v1/`, with an optional query string; a path starting with `/` is sent as is. */
  path: string;
  token?: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  ca?: string;
  cert?: string;
  key?: string;
  /** Connect to this name instead of 127.0.0.1 (TLS name checks). */
  hostname?: string;
  timeoutMs?: number;
}

/** Sends one request to the emulator over a real socket with node:http or node:https and reads the whole response. */
export function requestVault(target: { url: string; socketPath?: string | undefined }, options: VaultRequestOptions): Promise<VaultResponse> {
  const path = options.path.startsWith('/') ? options.path : `/v1/${options.path}`;
  let body: string | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
  }
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token !== undefined) {
    headers['X-Vault-Token'] = options.token;
  }

  if (body !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }

  const url = target.socketPath === undefined ? new URL(target.url) : new URL('http://localhost');
  const requestOptions: RequestOptions & Record<string, unknown> = {
    method: options.method ?? 'GET',
    path,
    headers,
    agent: false,
    ...(target.socketPath === undefined ? { hostname: options.hostname ?? url.hostname, port: url.port } : { socketPath: target.socketPath }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.cert === undefined ? {} : { cert: options.cert, key: options.key }),
  };

  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(requestOptions, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        if (!response.complete) {
          reject(Object.assign(new Error('connection closed before the response body ended'), { code: 'INCOMPLETE_BODY' }));
          return;
        }

        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    if (options.timeoutMs !== undefined) {
      request.setTimeout(options.timeoutMs, () => request.destroy(Object.assign(new Error(`no response within ${options.timeoutMs} ms`), { code: 'TIMEOUT' })));
    }

    request.on('error', reject);
    request.end(body);
  });
}
