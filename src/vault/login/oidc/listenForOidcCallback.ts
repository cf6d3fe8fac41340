import { createServer, type ServerResponse } from 'node:http';
import { VaultAwsError } from '../../../errors';
import { LoginInputError } from '../loginErrors';

export interface OidcCallbackListener {
  /** Query parameters of the browser's `GET /oidc/callback`: `code`, `state`, `id_token`. */
  parameters: Promise<Record<string, string>>;
  /** Responds to the browser's request with the outcome of the Vault login. */
  finish(succeeded: boolean, message: string): void;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 for the browser's redirect to `/oidc/callback`, as `vault login
 * -method=oidc` does on port 8250. The browser's request is held open until `finish`, so the page
 * it shows tells whether the Vault login worked. A redirect that carries `error` rejects.
 */
export async function listenForOidcCallback(port: number): Promise<OidcCallbackListener> {
  let pending: ServerResponse | undefined;
  let resolveParameters: (value: Record<string, string>) => void = () => undefined;
  let rejectParameters: (error: Error) => void = () => undefined;
  const parameters = new Promise<Record<string, string>>((resolve, reject) => {
    resolveParameters = resolve;
    rejectParameters = reject;
  });
  parameters.catch(() => undefined);

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/oidc/callback' || pending !== undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }

    const query = Object.fromEntries(url.searchParams.entries());
    if (query['error'] !== undefined) {
      const reason = `${query['error']}${query['error_description'] === undefined ? '' : `: ${query['error_description']}`}`;
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end(`Vault login failed: ${reason}\n`);
      rejectParameters(new VaultAwsError(`the OIDC provider returned an error: ${reason}`));
      return;
    }

    pending = response;
    resolveParameters(query);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened (${error.code ?? error.message})`;
      reject(new LoginInputError(`port ${port} on 127.0.0.1 for the OIDC callback ${reason}; set oidc_callback_port to a free port that the role's allowed_redirect_uris lists`, { cause: error }));
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    parameters,
    finish(succeeded, message) {
      pending?.writeHead(succeeded ? 200 : 400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
