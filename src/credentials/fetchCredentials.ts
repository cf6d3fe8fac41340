import { debug } from '../log';
import { cacheDirectory } from '../profiles/paths';
import type { ResolvedProfile } from '../profiles/resolveProfile';
import { findToken, NoTokenError } from '../vault/findToken';
import { LoginRequiredError } from '../vault/login/loginErrors';
import { isInteractiveMethod, type LoginSettings } from '../vault/login/loginSettings';
import { forgetLoginToken, obtainLoginToken } from '../vault/login/obtainLoginToken';
import type { VaultClientOptions } from '../vault/readClientOptions';
import { requestStsCredentials, type StsCredentials, type StsRequest } from '../vault/requestStsCredentials';
import { createVaultClient, type VaultClient } from '../vault/vaultClient';
import { VaultRequestError } from '../vault/vaultRequestError';

type Environment = Record<string, string | undefined>;

/**
 * Gets a Vault token, by logging in when the profile names an auth method, and requests STS
 * credentials for the profile.
 */
export async function fetchCredentials(
  profile: ResolvedProfile,
  clientOptions: VaultClientOptions,
  env: Environment,
  onTokenSource: (source: string) => void,
): Promise<StsCredentials> {
  const client = createVaultClient(clientOptions);
  const request: StsRequest = {
    mount: profile.mount,
    role: profile.role,
    ttlSeconds: profile.ttlSeconds,
    roleArn: profile.roleArn,
    roleSessionName: profile.roleSessionName,
  };

  if (profile.login === undefined) {
    return fetchWithExistingToken(client, request, env, onTokenSource);
  }

  return fetchWithLogin(client, request, profile.login, env, onTokenSource);
}

/**
 * Uses the token the Vault CLI would use. Without one, the request still goes out, as `vault read`
 * sends it, because a Vault Agent with `use_auto_auth_token` adds its own token. A 403 then
 * reports where the token was looked for.
 */
async function fetchWithExistingToken(client: VaultClient, request: StsRequest, env: Environment, onTokenSource: (source: string) => void): Promise<StsCredentials> {
  let missing: NoTokenError | undefined;
  let token: string | undefined;
  try {
    const found = await findToken(env);
    token = found.token;
    onTokenSource(found.source);
  } catch (error) {
    if (!(error instanceof NoTokenError)) {
      throw error;
    }

    missing = error;
    debug('token: none found; sending the request without a token, for a Vault Agent that adds its own');
  }

  try {
    return await requestStsCredentials(client, token, request);
  } catch (error) {
    if (missing !== undefined && error instanceof VaultRequestError && error.status === 403) {
      throw missing;
    }

    throw error;
  }
}

/**
 * Logs in (or reuses the cached login token) and requests credentials. A cached token that Vault
 * rejects with 403, because it expired or was revoked, is dropped, and one new login is tried.
 */
async function fetchWithLogin(client: VaultClient, request: StsRequest, login: LoginSettings, env: Environment, onTokenSource: (source: string) => void): Promise<StsCredentials> {
  const directory = cacheDirectory(env);
  const session = await obtainLoginToken(client, login, { cacheDirectory: directory, context: { env } });
  onTokenSource(session.source);
  try {
    return await requestStsCredentials(client, session.token, request);
  } catch (error) {
    if (!(error instanceof VaultRequestError) || error.status !== 403 || !session.fromCache) {
      throw error;
    }

    if (isInteractiveMethod(login.method)) {
      forgetLoginToken(directory, client.options, login);
      throw new LoginRequiredError(login.method, { cause: error });
    }

    debug(`login: Vault rejected the cached token (${error.vaultErrors.join('; ')}); logging in again`);
    const fresh = await obtainLoginToken(client, login, { cacheDirectory: directory, context: { env }, rejectedToken: session.token });
    onTokenSource(fresh.source);
    return requestStsCredentials(client, fresh.token, request);
  }
}
