import { debug } from '../../log';
import { readNonEmptyVaultVariable } from '../readVaultVariable';
import type { VaultClient } from '../vaultClient';
import { LoginInputError } from './loginErrors';
import type { LoginSettings, LoginToken } from './loginSettings';
import { readSecretFile } from './readSecretFile';
import { sendLogin } from './sendLogin';
import { unwrapSecretId } from './unwrapSecretId';

type Environment = Record<string, string | undefined>;

/**
 * A response-wrapping token, as `vault write -wrap-ttl=… auth/approle/role/NAME/secret-id` returns
 * in place of the secret ID. Secret IDs are UUIDs, so they never have these prefixes.
 */
const WRAPPING_TOKEN = /^(hvs|hvb|s|b)\.[A-Za-z0-9_-]+$/;

/**
 * Logs in with AppRole: `role_id` from the settings, `secret_id` from `secret_id_file` or else
 * `VAULT_SECRET_ID`. A secret ID that is a wrapping token is unwrapped first. A role with
 * `bind_secret_id=false` needs no secret ID, so a missing one is left for Vault to judge.
 */
export async function loginWithAppRole(client: VaultClient, settings: LoginSettings, env: Environment): Promise<LoginToken> {
  if (settings.roleId === undefined || settings.roleId === '') {
    throw new LoginInputError('auth_method approle needs a role ID; set role_id in the profile map or VAULT_ROLE_ID');
  }

  const body: Record<string, string> = { role_id: settings.roleId };
  const found = readSecretId(settings, env);
  if (found !== undefined) {
    body['secret_id'] = WRAPPING_TOKEN.test(found.secretId) ? await unwrapSecretId(client, found.secretId, found.source) : found.secretId;
  } else {
    debug('login: no secret_id_file and no VAULT_SECRET_ID; logging in with the role ID alone');
  }

  return sendLogin(client, settings.mount, 'login', body);
}

function readSecretId(settings: LoginSettings, env: Environment): { secretId: string; source: string } | undefined {
  if (settings.secretIdFile !== undefined) {
    return { secretId: readSecretFile(settings.secretIdFile, 'secret_id_file'), source: settings.secretIdFile };
  }

  const fromEnvironment = readNonEmptyVaultVariable(env, 'SECRET_ID');
  return fromEnvironment === undefined ? undefined : { secretId: fromEnvironment.value.trim(), source: fromEnvironment.variable };
}
