import type { CacheEntry } from '../cache/cacheEntry';
import type { EnvironmentVariable } from './formatEnvironment';
import { formatExpiration } from './formatProcessCredentials';

/**
 * Returns the variables that the AWS CLI and the SDKs read credentials from, in the order of
 * `aws configure export-credentials`. `AWS_CREDENTIAL_EXPIRATION` is read back by botocore, the
 * AWS SDK for JavaScript v3 and the CRT.
 */
export function credentialVariables(entry: CacheEntry): EnvironmentVariable[] {
  return [
    { name: 'AWS_ACCESS_KEY_ID', value: entry.accessKeyId },
    { name: 'AWS_SECRET_ACCESS_KEY', value: entry.secretAccessKey },
    { name: 'AWS_SESSION_TOKEN', value: entry.sessionToken },
    { name: 'AWS_CREDENTIAL_EXPIRATION', value: formatExpiration(entry.expiresAt) },
  ];
}
