import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Whether to destroy the connection without a response. */
  drop?: boolean;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export interface ScriptedServer {
  url: string;
  server: Server;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Starts a loopback HTTP server that replies to each request with the next entry of the script,
 * repeating the last one, and records what it received.
 */
export async function startScriptedServer(script: ScriptedReply[] | ((request: SeenRequest, index: number) => ScriptedReply), listen: { path?: string } = {}): Promise<ScriptedServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record: SeenRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      seen.push(record);
      const index = seen.length - 1;
      const reply = typeof script === 'function' ? script(record, index) : (script[Math.min(index, script.length - 1)] as ScriptedReply);
      if (reply.drop === true) {
        request.socket.destroy();
        return;
      }

      response.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      response.end(reply.body ?? '');
    });
  });

  await new Promise<void>((resolve) => {
    if (listen.path !== undefined) {
      server.listen(listen.path, resolve);
    } else {
      server.listen(0, '127.0.0.1', resolve);
    }
  });

  const address = server.address();
  const url = listen.path !== undefined ? `unix://${listen.path}` : `http://127.0.0.1:${(address as AddressInfo).port}`;
  return {
    url,
    server,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const STS_ANSWER = JSON.stringify({
  request_id: 'r',
  lease_id: 'aws/sts/s3_access/abc',
  renewable: false,
  lease_duration: 3599,
  data: { access_key: 'ASIAEXAMPLEEXAMPLE01', secret_key: 'secret', session_token: 'session', ttl: 3599, arn: 'arn:aws:sts::083674922126:assumed-role/r/s' },
});

export function vaultError(status: number, ...errors: string[]): ScriptedReply {
  return { status, body: JSON.stringify({ errors }) };
}
