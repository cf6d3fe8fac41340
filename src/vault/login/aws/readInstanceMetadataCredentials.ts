import { VaultAwsError } from '../../../errors';
import { debug } from '../../../log';
import { fetchLocalEndpoint } from './fetchLocalEndpoint';
import { parseAwsCredentialDocument } from './parseAwsCredentialDocument';
import type { AwsCredentials } from './signAwsRequest';

type Environment = Record<string, string | undefined>;

/** The EC2 instance metadata address; `AWS_EC2_METADATA_SERVICE_ENDPOINT` replaces it, as in the AWS SDKs. */
const DEFAULT_ENDPOINT = 'http://169.254.169.254';

/** Per-request wait, in milliseconds; the AWS SDKs wait 1 s, and off EC2 nothing responds. */
const TIMEOUT_MS = 1_000;

const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';

/**
 * Reads the instance role's credentials with IMDSv2: a session token from `PUT /latest/api/token`,
 * then the role name and its credentials. An endpoint that rejects the PUT with 403, 404 or 405 is
 * read without a session token (IMDSv1). Returns undefined when nothing responds or no role is attached.
 */
export async function readInstanceMetadataCredentials(env: Environment): Promise<{ credentials: AwsCredentials; source: string } | undefined> {
  const endpoint = (env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] ?? '') === '' ? DEFAULT_ENDPOINT : (env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] as string);
  const base = new URL(endpoint);
  const at = (path: string): URL => new URL(path, base);

  const headers: Record<string, string> = {};
  try {
    const session = await fetchLocalEndpoint(at('/latest/api/token'), 'PUT', { 'X-aws-ec2-metadata-token-ttl-seconds': '300' }, TIMEOUT_MS);
    if (session.status === 200) {
      headers['X-aws-ec2-metadata-token'] = session.body.trim();
    } else if (![403, 404, 405].includes(session.status)) {
      debug(`login: instance metadata at ${base.origin} returned HTTP ${session.status} to the token request`);
      return undefined;
    }
  } catch (error) {
    debug(`login: no instance metadata at ${base.origin} (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`);
    return undefined;
  }

  const roles = await fetchLocalEndpoint(at(CREDENTIALS_PATH), 'GET', headers, TIMEOUT_MS);
  const role = roles.body.split('\n')[0]?.trim() ?? '';
  if (roles.status !== 200 || role === '') {
    debug(`login: instance metadata lists no IAM role (HTTP ${roles.status})`);
    return undefined;
  }

  const document = await fetchLocalEndpoint(at(`${CREDENTIALS_PATH}${encodeURIComponent(role)}`), 'GET', headers, TIMEOUT_MS);
  const credentials = document.status === 200 ? parseAwsCredentialDocument(document.body) : undefined;
  if (credentials === undefined) {
    throw new VaultAwsError(`instance metadata at ${base.origin} returned no credentials for the role ${role} (HTTP ${document.status})`);
  }

  return { credentials, source: `instance metadata role ${role}` };
}
