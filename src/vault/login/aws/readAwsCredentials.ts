import { VaultAwsError } from '../../../errors';
import { debug } from '../../../log';
import { readContainerCredentials } from './readContainerCredentials';
import { readInstanceMetadataCredentials } from './readInstanceMetadataCredentials';
import type { AwsCredentials } from './signAwsRequest';

type Environment = Record<string, string | undefined>;

/**
 * Finds this machine's own AWS credentials for the aws login: the environment variables, else the
 * container credentials endpoint (ECS, EKS Pod Identity), else EC2 instance metadata. AWS profiles
 * and config files are never read, because a profile may run vault-aws itself as its
 * credential_process and so call back into this login.
 */
export async function readAwsCredentials(env: Environment): Promise<{ credentials: AwsCredentials; source: string }> {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (accessKeyId !== undefined && accessKeyId !== '' && secretAccessKey !== undefined && secretAccessKey !== '') {
    const sessionToken = env['AWS_SESSION_TOKEN'];
    return { credentials: { accessKeyId, secretAccessKey, sessionToken: sessionToken === '' ? undefined : sessionToken }, source: 'AWS_ACCESS_KEY_ID' };
  }

  const checked = ['AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (unset)'];
  const container = await readContainerCredentials(env);
  if (container !== undefined) {
    return container;
  }

  checked.push('container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI unset)');
  if (isDisabled(env['AWS_EC2_METADATA_DISABLED'])) {
    checked.push('instance metadata (AWS_EC2_METADATA_DISABLED is set)');
  } else {
    const instance = await readInstanceMetadataCredentials(env);
    if (instance !== undefined) {
      return instance;
    }

    checked.push('instance metadata (no IAM role attached)');
  }

  if (env['AWS_WEB_IDENTITY_TOKEN_FILE'] !== undefined) {
    // NOTE: exchanging a web identity token needs a call to AWS STS, which vault-aws does not make.
    debug('login: AWS_WEB_IDENTITY_TOKEN_FILE is set, but web identity credentials are not supported for the aws login');
    checked.push('web identity (not supported; use auth_method jwt or kubernetes with that token instead)');
  }

  throw new VaultAwsError(`no AWS credentials found for the aws login (checked ${checked.join(', ')}); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where instance metadata provides a role`);
}

function isDisabled(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}
