import { VaultAwsError } from '../errors';
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
  sessionToken: string | undefined;
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

/** Reads the credentials out of a Vault answer, across the field changes of Vault versions. */
export function parseStsResponse(body: Record<string, unknown> | undefined, path: string, address: string, sentAt: number): StsCredentials {
  const invalid = (what: string): VaultAwsError => new VaultAwsError(`POST ${path} at ${address} returned ${what}; is the mount an AWS secrets engine?`);
  const data = body?.['data'];
  if (typeof data !== 'object' || data === null) {
    throw invalid('no data');
  }

  const fields = data as Record<string, unknown>;
  const accessKeyId = fields['access_key'];
  const secretAccessKey = fields['secret_key'];
  if (typeof accessKeyId !== 'string' || accessKeyId === '' || typeof secretAccessKey !== 'string' || secretAccessKey === '') {
    throw invalid('no access_key or secret_key');
  }

  // Vault 1.16 added session_token beside security_token, which older versions return alone.
  const sessionToken = nonEmptyString(fields['session_token']) ?? nonEmptyString(fields['security_token']);

  // Vault 1.13.0 and 1.13.1 return lease_duration 0 for STS credentials; data.ttl is right there.
  const lifetimeSeconds = positiveInteger(fields['ttl']) ?? positiveInteger(body?.['lease_duration']);
  if (lifetimeSeconds === undefined) {
    throw invalid('credentials without a lifetime (neither data.ttl nor lease_duration is above 0)');
  }

  return { accessKeyId, secretAccessKey, sessionToken, lifetimeSeconds, accountId: accountIdOf(fields['arn']), sentAt };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
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
