import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { RewritingSocket } from './rewritingSocket';

export interface ServerTls {
  certPem: string;
  keyPem: string;
  /** When set, clients must present a certificate signed by this CA. */
  clientCaPem?: string;
}

export interface RunningServer {
  /** TCP port, or `undefined` on a unix socket. */
  port: number | undefined;
  /** Closes the listener and destroys every open connection, including hanging ones. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 with an ephemeral port, or on a unix socket path. A plain TCP or TLS
 * listener accepts the connections and hands them to an `http.Server` through
 * `RewritingSocket`, so that the LIST method reaches the handler.
 */
export async function startHttpServer(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
  options: { tls?: ServerTls | undefined; unixSocket?: string | undefined },
): Promise<RunningServer> {
  const httpServer = createHttpServer(listener);
  // Emulated faults leave connections half-written; a client that resets one must not crash the process.
  httpServer.on('clientError', (_error, socket) => socket.destroy());

  const sockets = new Set<Socket>();
  const accept = (socket: Socket): void => {
    httpServer.emit('connection', new RewritingSocket(socket));
  };
  const server: Server = options.tls === undefined ? createNetServer(accept) : createTlsServer(tlsOptions(options.tls), accept);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', (_error: Error, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const onListening = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (options.unixSocket === undefined) {
      server.listen(0, '127.0.0.1', onListening);
    } else {
      server.listen(options.unixSocket, onListening);
    }
  });

  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
      }),
  };
}

function tlsOptions(tls: ServerTls): Record<string, unknown> {
  return {
    cert: tls.certPem,
    key: tls.keyPem,
    minVersion: 'TLSv1.2',
    ...(tls.clientCaPem === undefined ? {} : { ca: [tls.clientCaPem], requestCert: true, rejectUnauthorized: true }),
  };
}
