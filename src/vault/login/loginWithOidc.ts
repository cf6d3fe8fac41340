import { randomBytes } from 'node:crypto';
import { VaultAwsError } from '../../errors';
import type { VaultClient } from '../vaultClient';
import type { LoginPrompter } from './loginPrompter';
import type { LoginSettings, LoginToken } from './loginSettings';
import { listenForOidcCallback } from './oidc/listenForOidcCallback';
import { parseLoginResponse } from './parseLoginResponse';

/** The callback port of `vault login -method=oidc`; the role's allowed_redirect_uris must list it. */
export const DEFAULT_OIDC_CALLBACK_PORT = 8250;

/** How long to wait for the person to finish in the browser, in milliseconds. */
export const OIDC_WAIT_MS = 5 * 60_000;

/**
 * Logs in with OIDC as `vault login -method=oidc` does: requests the provider's authorization URL
 * from Vault, opens it in the browser, waits for the provider's redirect to
 * `http://localhost:PORT/oidc/callback`, and passes its `state` and `code` to Vault's callback.
 */
export async function loginWithOidc(
  client: VaultClient,
  settings: LoginSettings,
  prompter: LoginPrompter,
  openBrowser: (url: string) => Promise<void>,
  waitMs: number = OIDC_WAIT_MS,
): Promise<LoginToken> {
  const port = settings.callbackPort ?? DEFAULT_OIDC_CALLBACK_PORT;
  const redirectUri = `http://localhost:${port}/oidc/callback`;
  const clientNonce = randomBytes(15).toString('base64url');
  const listener = await listenForOidcCallback(port);
  try {
    const authUrl = await requestAuthUrl(client, settings, redirectUri, clientNonce);
    prompter.tell(`Complete the login via your OIDC provider. Launching browser to:\n\n    ${authUrl}\n`);
    await openBrowser(authUrl).catch((error: unknown) => {
      prompter.tell(`Could not open a browser (${(error as NodeJS.ErrnoException).code ?? String(error)}); open the URL above yourself.`);
    });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new VaultAwsError(`no OIDC callback within ${waitMs / 60_000} minutes; run vault-aws login again`)), waitMs);
    });
    const query = await Promise.race([listener.parameters, timeout]).finally(() => clearTimeout(timer));

    const path = `auth/${settings.mount}/oidc/callback`;
    const obtainedAt = Date.now();
    try {
      const callback: Record<string, string> = { state: query['state'] ?? '', code: query['code'] ?? '', client_nonce: clientNonce };
      if (query['id_token'] !== undefined) {
        callback['id_token'] = query['id_token'];
      }

      const response = await client.request({ method: 'GET', path, query: callback });
      const login = parseLoginResponse(response.body, path, client.options.address, obtainedAt);
      listener.finish(true, 'Vault login succeeded. You can close this window and return to the terminal.');
      return login;
    } catch (error) {
      listener.finish(false, 'Vault login failed. The terminal shows the reason.');
      throw error;
    }
  } finally {
    await listener.close();
  }
}

async function requestAuthUrl(client: VaultClient, settings: LoginSettings, redirectUri: string, clientNonce: string): Promise<string> {
  const body: Record<string, string> = { redirect_uri: redirectUri, client_nonce: clientNonce };
  if (settings.role !== undefined) {
    body['role'] = settings.role;
  }

  const response = await client.request({ method: 'POST', path: `auth/${settings.mount}/oidc/auth_url`, body });
  const data = response.body?.['data'];
  const authUrl = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['auth_url'] : undefined;
  if (typeof authUrl !== 'string' || authUrl === '') {
    throw new VaultAwsError(`Vault returned no auth_url for role ${JSON.stringify(settings.role ?? '')} with redirect_uri ${redirectUri}; check that the role's allowed_redirect_uris lists it`);
  }

  return authUrl;
}
