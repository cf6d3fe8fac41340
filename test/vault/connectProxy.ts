import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxySeen {
  method: string;
  /** `host:port` for CONNECT, the absolute URI otherwise. */
  target: string;
  authorization: string | undefined;
}

export interface TestProxy {
  url: string;
  seen: ProxySeen[];
  close(): Promise<void>;
}

/**
 * A forward proxy on 127.0.0.1 for tests. CONNECT tunnels and absolute-URI requests go to
 * `127.0.0.1:<port of the requested target>` whatever host they name, so that test addresses such
 * as `vault.test` are never looked up. With `refuseWith`, every request gets that status instead.
 */
export async function startTestProxy(options: { refuseWith?: number } = {}): Promise<TestProxy> {
  const seen: ProxySeen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    if (options.refuseWith !== undefined) {
      response.writeHead(options.refuseWith).end();
      return;
    }

    const target = new URL(request.url ?? '');
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const forward = httpRequest({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers }, (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    });
    forward.on('error', () => response.writeHead(502).end());
    request.pipe(forward);
  });

  server.on('connect', (request, client: Socket, head: Buffer) => {
    sockets.add(client);
    seen.push({ method: 'CONNECT', target: request.url ?? '', authorization: request.headers['proxy-authorization'] });
    if (options.refuseWith !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseWith} Refused\r\n\r\n`);
      return;
    }

    const port = Number((request.url ?? '').split(':').pop());
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }

        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
