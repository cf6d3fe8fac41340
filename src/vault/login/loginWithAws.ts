import { debug, rememberSecret } from '../../log';
import type { VaultClient } from '../vaultClient';
import { buildAwsLoginData } from './aws/buildAwsLoginData';
import { readAwsCredentials } from './aws/readAwsCredentials';
import type { LoginSettings, LoginToken } from './loginSettings';
import { sendLogin } from './sendLogin';

type Environment = Record<string, string | undefined>;

/**
 * Logs in with the aws method's iam type: signs `sts:GetCallerIdentity` with this machine's own AWS
 * credentials and sends the signed request to Vault, which replays it to STS to learn the caller's
 * IAM principal. Without `auth_role`, Vault uses the principal's role or user name as the role.
 */
export async function loginWithAws(client: VaultClient, settings: LoginSettings, env: Environment, now: () => Date = () => new Date()): Promise<LoginToken> {
  const { credentials, source } = await readAwsCredentials(env);
  rememberSecret(credentials.secretAccessKey);
  rememberSecret(credentials.sessionToken);
  debug(`login: signing sts:GetCallerIdentity with AWS credentials from ${source}`);
  const body: Record<string, string> = buildAwsLoginData(credentials, { region: settings.awsRegion, serverId: settings.iamServerId, date: now() });
  if (settings.role !== undefined) {
    body['role'] = settings.role;
  }

  return sendLogin(client, settings.mount, 'login', body);
}
