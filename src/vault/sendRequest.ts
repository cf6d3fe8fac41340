import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TlsSettings } from './readClientOptions';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  method: string;
  /** An http, https or unix URL; for unix, `path` is appended after the socket path. */
  url: URL;
  /** Used with a unix socket URL; the request itself goes to http://localhost. */
  socketPath?: string;
  headers: Record<string, string>;
  body: string | undefined;
  tls: TlsSettings;
  signal: AbortSignal;
}

/** Largest response body accepted, in bytes; Vault answers for this tool are a few KiB. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Sends one HTTP request and reads the whole response; rejects on connection errors and on abort. */
export function sendRequest(options: SendOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const isHttps = options.url.protocol === 'https:';
    const requestOptions: RequestOptions & Record<string, unknown> = {
      method: options.method,
      headers: {
        ...options.headers,
        ...(options.body === undefined ? {} : { 'Content-Length': Buffer.byteLength(options.body).toString() }),
      },
      signal: options.signal,
      agent: false,
    };

    if (options.socketPath !== undefined) {
      requestOptions.socketPath = options.socketPath;
      requestOptions.path = `${options.url.pathname}${options.url.search}`;
      requestOptions.host = 'localhost';
    }

    if (isHttps) {
      Object.assign(requestOptions, {
        rejectUnauthorized: options.tls.rejectUnauthorized,
        minVersion: 'TLSv1.2',
        ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
        ...(options.tls.cert === undefined ? {} : { cert: options.tls.cert, key: options.tls.key }),
        ...(options.tls.servername === undefined ? {} : { servername: options.tls.servername }),
      });
    }

    const send = isHttps ? httpsRequest : httpRequest;
    const request =
      options.socketPath === undefined
        ? send(options.url, requestOptions, onResponse)
        : httpRequest(requestOptions, onResponse);

    function onResponse(response: import('node:http').IncomingMessage): void {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy(new Error(`response body larger than ${MAX_RESPONSE_BYTES} bytes`));
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
    }

    request.on('error', reject);
    request.end(options.body);
  });
}
