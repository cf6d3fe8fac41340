import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ImdsStandIn {
  url: string;
  /** Method, path and IMDSv2 session token of every request. */
  seen: Array<{ method: string; path: string; token: string | undefined }>;
  close(): Promise<void>;
}

export const INSTANCE_CREDENTIALS = { AccessKeyId: 'ASIAINSTANCEEXAMPLE1', SecretAccessKey: 'instanceSecretKeyExample0123456789abcdEF', Token: 'instance-session-token' };

/**
 * A loopback stand-in for EC2 instance metadata (IMDSv2) with one attached role, `web-server`.
 * It serves the credential paths only to requests that carry the session token it issued.
 */
export async function startImdsStandIn(): Promise<ImdsStandIn> {
  const seen: ImdsStandIn['seen'] = [];
  const sessionToken = 'imds-session-token';
  const server: Server = createServer((request, response) => {
    const token = request.headers['x-aws-ec2-metadata-token'];
    seen.push({ method: request.method ?? '', path: request.url ?? '', token: typeof token === 'string' ? token : undefined });
    if (request.method === 'PUT' && request.url === '/latest/api/token' && request.headers['x-aws-ec2-metadata-token-ttl-seconds'] !== undefined) {
      response.end(sessionToken);
      return;
    }

    if (token !== sessionToken) {
      response.writeHead(401).end();
      return;
    }

    if (request.url === '/latest/meta-data/iam/security-credentials/') {
      response.end('web-server');
      return;
    }

    if (request.url === '/latest/meta-data/iam/security-credentials/web-server') {
      response.end(JSON.stringify({ Code: 'Success', Type: 'AWS-HMAC', ...INSTANCE_CREDENTIALS, Expiration: new Date(Date.now() + 3_600_000).toISOString() }));
      return;
    }

    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
