import { debug, rememberSecret } from '../../log';
import type { VaultClient } from '../vaultClient';
import type { LoginToken } from './loginSettings';
import { parseLoginResponse } from './parseLoginResponse';

/** Login body fields that carry a credential, hidden if a server echoes them in an error. */
const SECRET_FIELDS = ['password', 'secret_id', 'jwt', 'iam_request_headers'];

/**
 * Sends a login request: an unauthenticated `POST auth/<mount>/<path>`. No `X-Vault-Token` goes
 * with it, because Vault ignores a token on login paths and a stale one must not leak there.
 */
export async function sendLogin(client: VaultClient, mount: string, path: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<LoginToken> {
  for (const field of SECRET_FIELDS) {
    rememberSecret(body[field]);
  }

  const fullPath = `auth/${mount}/${path}`;
  const obtainedAt = Date.now();
  const response = await client.request({ method: 'POST', path: fullPath, body, headers });
  const login = parseLoginResponse(response.body, fullPath, client.options.address, obtainedAt);
  debug(`login: ${fullPath} returned a token that lives ${login.leaseSeconds === 0 ? 'without expiry' : `${login.leaseSeconds} s`}`);
  return login;
}
