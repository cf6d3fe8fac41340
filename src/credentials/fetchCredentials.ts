import type { ResolvedProfile } from '../profiles/resolveProfile';
import { findToken } from '../vault/findToken';
import type { VaultClientOptions } from '../vault/readClientOptions';
import { requestStsCredentials, type StsCredentials } from '../vault/requestStsCredentials';
import { createVaultClient } from '../vault/vaultClient';

type Environment = Record<string, string | undefined>;

/** Finds a Vault token and requests STS credentials for the profile. */
export async function fetchCredentials(
  profile: ResolvedProfile,
  clientOptions: VaultClientOptions,
  env: Environment,
  onTokenSource: (source: string) => void,
): Promise<StsCredentials> {
  const { token, source } = await findToken(env);
  onTokenSource(source);

  const client = createVaultClient(clientOptions);
  return requestStsCredentials(client, token, {
    mount: profile.mount,
    role: profile.role,
    ttlSeconds: profile.ttlSeconds,
    roleArn: profile.roleArn,
    roleSessionName: profile.roleSessionName,
  });
}
