import type { VaultClient } from '../vaultClient';
import { LoginInputError } from './loginErrors';
import { KUBERNETES_TOKEN_FILE, type LoginSettings, type LoginToken } from './loginSettings';
import { readSecretFile } from './readSecretFile';
import { sendLogin } from './sendLogin';

/**
 * Logs in with a JWT read from `jwt_file`: `{role, jwt}` to `auth/<mount>/login`. The kubernetes
 * method defaults to the pod's service account token and needs a role; the jwt method may leave
 * the role out, and Vault then uses the mount's `default_role`.
 */
export async function loginWithJwt(client: VaultClient, settings: LoginSettings): Promise<LoginToken> {
  const kubernetes = settings.method === 'kubernetes';
  const file = settings.jwtFile ?? (kubernetes ? KUBERNETES_TOKEN_FILE : undefined);
  if (file === undefined) {
    throw new LoginInputError('auth_method jwt needs jwt_file, the path of the JWT to log in with (for example the CI job\'s OIDC ID token)');
  }

  if (kubernetes && settings.role === undefined) {
    throw new LoginInputError('auth_method kubernetes needs auth_role, the Vault role bound to the service account');
  }

  const body: Record<string, string> = { jwt: readSecretFile(file, settings.jwtFile === undefined ? 'service account token' : 'jwt_file') };
  if (settings.role !== undefined) {
    body['role'] = settings.role;
  }

  return sendLogin(client, settings.mount, 'login', body);
}
