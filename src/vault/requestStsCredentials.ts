import { credentialValueProblem, MAX_CREDENTIAL_LENGTH, MAX_LIFETIME_SECONDS } from '../credentials/credentialLimits';
import { VaultAwsError } from '../errors';
import { rememberSecret } from '../log';
import type { VaultClient } from './vaultClient';

export interface StsRequest {
  mount: string;
  role: string;
  ttlSeconds: number;
  roleArn: string | undefined;
  roleSessionName: string | undefined;
}

export interface StsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Whole seconds the credentials live, counted from when the request was sent. */
  lifetimeSeconds: number;
  /** The AWS account, when Vault returned an assumed-role ARN that names it. */
  accountId: string | undefined;
  /** When the request was sent, in milliseconds since the epoch. */
  sentAt: number;
}

/**
 * Requests credentials with `POST <mount>/sts/<role>` and a JSON body: parameters in a body work on
 * every Vault version (before 0.10, GET ignored them) and need the `update` capability. Without a
 * token the request relies on a Vault Agent to add one.
 */
export async function requestStsCredentials(client: VaultClient, token: string | undefined, request: StsRequest): Promise<StsCredentials> {
  const body: Record<string, string | number> = { ttl: request.ttlSeconds };
  if (request.roleArn !== undefined) {
    body['role_arn'] = request.roleArn;
  }

  if (request.roleSessionName !== undefined) {
    body['role_session_name'] = request.roleSessionName;
  }

  const path = `${request.mount}/sts/${request.role}`;
  const sentAt = Date.now();
  const response = await client.request({ method: 'POST', path, body, ...(token === undefined ? {} : { token }) });
  return parseStsResponse(response.body, path, client.options.address, sentAt);
}

/**
 * Reads the credentials out of a Vault response, across the field changes of Vault versions, and
 * rejects values that no real STS credentials have, so that they are never cached or printed.
 */
export function parseStsResponse(body: Record<string, unknown> | undefined, path: string, address: string, sentAt: number): StsCredentials {
  const invalid = (what: string, next = 'check that the mount is an AWS secrets engine'): VaultAwsError =>
    new VaultAwsError(`POST ${path} at ${address} returned ${what}; ${next}`);
  const data = body?.['data'];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalid('no data object');
  }

  const fields = data as Record<string, unknown>;
  const text = (name: string, maxLength: number): string => {
    rememberSecret(fields[name]);
    const problem = credentialValueProblem(fields[name], maxLength);
    if (problem !== undefined) {
      throw invalid(`credentials whose ${name} ${problem}`);
    }

    return fields[name] as string;
  };

  const accessKeyId = text('access_key', MAX_CREDENTIAL_LENGTH.accessKeyId);
  const secretAccessKey = text('secret_key', MAX_CREDENTIAL_LENGTH.secretAccessKey);

  // Vault 1.16 added session_token beside security_token, which older versions return alone.
  const tokenField = isPresent(fields['session_token']) || !isPresent(fields['security_token']) ? 'session_token' : 'security_token';
  const sessionToken = text(tokenField, MAX_CREDENTIAL_LENGTH.sessionToken);

  // Vault 1.13.0 and 1.13.1 return lease_duration 0 for STS credentials; data.ttl is right there.
  const lifetimeSeconds = positiveInteger(fields['ttl']) ?? positiveInteger(body?.['lease_duration']);
  if (lifetimeSeconds === undefined) {
    throw invalid(`credentials without a lifetime (data.ttl is ${JSON.stringify(fields['ttl']) ?? 'missing'} and lease_duration is ${JSON.stringify(body?.['lease_duration']) ?? 'missing'}; one must be a number of seconds above 0)`);
  }

  if (lifetimeSeconds > MAX_LIFETIME_SECONDS) {
    throw invalid(`credentials with a lifetime of ${lifetimeSeconds} s`, `STS credentials live at most ${MAX_LIFETIME_SECONDS} s (36 hours); check the Vault server and the ttl of the role`);
  }

  return { accessKeyId, secretAccessKey, sessionToken, lifetimeSeconds, accountId: accountIdOf(fields['arn']), sentAt };
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}

/** `arn:aws:sts::123456789012:assumed-role/Role/session` names the account the credentials act in. */
function accountIdOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string') {
    return undefined;
  }

  return /^arn:aws[a-z-]*:(?:sts|iam)::(\d{12}):/.exec(arn)?.[1];
}
