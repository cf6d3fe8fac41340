import { VaultAwsError } from '../../errors';
import { debug, rememberSecret } from '../../log';
import type { VaultClient } from '../vaultClient';
import { VaultRequestError } from '../vaultRequestError';

/**
 * Unwraps a response-wrapped AppRole secret ID with `POST sys/wrapping/unwrap`, sending the
 * wrapping token as the request token. A wrapping token works once, so a second unwrap fails.
 */
export async function unwrapSecretId(client: VaultClient, wrappingToken: string, source: string): Promise<string> {
  debug(`login: unwrapping the secret ID from ${source}`);
  let body: Record<string, unknown> | undefined;
  try {
    body = (await client.request({ method: 'POST', path: 'sys/wrapping/unwrap', token: wrappingToken })).body;
  } catch (error) {
    if (error instanceof VaultRequestError && error.status === 400 && error.vaultErrors.some((text) => text.includes('wrapping token is not valid'))) {
      throw new VaultAwsError(
        `the response-wrapped secret ID from ${source} was already unwrapped or has expired (${error.vaultErrors.join('; ')}); a wrapping token works once, so issue a new one`,
        { cause: error },
      );
    }

    throw error;
  }

  const data = body?.['data'];
  const secretId = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['secret_id'] : undefined;
  if (typeof secretId !== 'string' || secretId === '') {
    throw new VaultAwsError(`the wrapping token from ${source} did not wrap an AppRole secret ID (no data.secret_id); wrap the answer of auth/approle/role/NAME/secret-id`);
  }

  rememberSecret(secretId);
  return secretId;
}
