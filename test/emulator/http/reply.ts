import type { ServerResponse } from 'node:http';
import { encodeGoJson } from '../go/marshalGoJson';
import type { VaultHttpError } from '../core/vaultHttpError';

/** An HTTP response to send, or `dropConnection` to close the connection without one (as a Go handler panic does). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  dropConnection?: boolean;
}

/** Vault's JSON error body, `{"errors":[...]}`. */
export function errorReply(status: number, errors: readonly string[], headers: Record<string, string> = {}): Reply {
  return { status, headers, body: encodeGoJson({ errors: [...errors] }) };
}

export function replyFromError(error: VaultHttpError): Reply {
  return errorReply(error.status, error.errors, { ...error.headers });
}

/** Headers Vault sets on every response: JSON content type and no caching. */
export function standardHeaders(reply: Reply): Record<string, string> {
  return { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...reply.headers };
}

export function sendReply(response: ServerResponse, reply: Reply, method: string): void {
  const body = method === 'HEAD' || reply.status === 204 || reply.status === 304 ? '' : reply.body;
  response.writeHead(reply.status, { ...standardHeaders(reply), 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
}
