import type { AwsCredentials } from './signAwsRequest';

/**
 * Reads the credential document that instance metadata and container endpoints return:
 * `AccessKeyId`, `SecretAccessKey`, `Token`. Returns undefined when it holds no keys.
 */
export function parseAwsCredentialDocument(text: string): AwsCredentials | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }

  if (typeof document !== 'object' || document === null) {
    return undefined;
  }

  const fields = document as Record<string, unknown>;
  const accessKeyId = fields['AccessKeyId'];
  const secretAccessKey = fields['SecretAccessKey'];
  const token = fields['Token'];
  if (typeof accessKeyId !== 'string' || accessKeyId === '' || typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    return undefined;
  }

  return { accessKeyId, secretAccessKey, sessionToken: typeof token === 'string' && token !== '' ? token : undefined };
}
