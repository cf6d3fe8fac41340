import { randomAccessKeyId, randomSecretAccessKey, randomSessionToken } from '../../core/randomValues';
import type { RoleDefinition } from '../../types';
import { awsServiceError, constraintViolations, invalidParameters } from './awsErrors';

/** The AWS side of a role: IAM settings and the failures to simulate. */
export type RoleSimulation = Partial<Pick<RoleDefinition, 'maxSessionDuration' | 'awsError' | 'mfaCode'>>;

/** Vault's own AWS identity, as the mount options describe it. */
export interface VaultAwsIdentity {
  arn: string;
  roleChaining: boolean;
  rootCredentials: boolean;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Real-time epoch milliseconds, whole seconds as in the STS response. */
  expirationMs: number;
  assumedRoleArn?: string;
}

/** AWS documents these limits for AssumeRole, GetFederationToken and GetSessionToken. */
const ASSUME_ROLE_MAX_SECONDS = 43_200;
const FEDERATION_MAX_SECONDS = 129_600;
const ROLE_CHAINING_MAX_SECONDS = 3_600;
const ROOT_ACCOUNT_MAX_SECONDS = 3_600;

// NOTE: the texts for STS constraint violations, MFA failures and AccessDenied on calls other than
// AssumeRole follow the AWS error format but were not compared with live AWS responses.

export function assumeRole(
  input: { roleArn: string; roleSessionName: string; durationSeconds: number; externalId: string },
  simulation: RoleSimulation,
  identity: VaultAwsIdentity,
  nowMs: number,
): IssuedCredentials {
  const invalid: string[] = [];
  if (input.durationSeconds < 900) {
    invalid.push('minimum field value of 900, AssumeRoleInput.DurationSeconds.');
  }

  if (input.externalId !== '' && input.externalId.length < 2) {
    invalid.push('minimum field size of 2, AssumeRoleInput.ExternalId.');
  }

  if (input.roleArn.length < 20) {
    invalid.push('minimum field size of 20, AssumeRoleInput.RoleArn.');
  }

  if (input.roleSessionName.length < 2) {
    invalid.push('minimum field size of 2, AssumeRoleInput.RoleSessionName.');
  }

  if (invalid.length > 0) {
    throw invalidParameters(invalid);
  }

  failIfThrottled(simulation);

  const violations: string[] = [];
  if (input.durationSeconds > ASSUME_ROLE_MAX_SECONDS) {
    violations.push(`Value '${input.durationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${ASSUME_ROLE_MAX_SECONDS}`);
  }

  if (input.roleSessionName.length > 64) {
    violations.push(`Value '${input.roleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`);
  }

  if (violations.length > 0) {
    throw constraintViolations(violations);
  }

  failIfDenied(simulation, identity, 'sts:AssumeRole', input.roleArn);

  if (identity.roleChaining && input.durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
    throw awsServiceError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
  }

  if (input.durationSeconds > (simulation.maxSessionDuration ?? 3600)) {
    throw awsServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
  }

  const sections = input.roleArn.split(':');
  const roleName = (sections.slice(5).join(':').split('/').at(-1)) ?? '';
  const assumedRoleArn = `arn:${sections[1] ?? 'aws'}:sts::${sections[4] ?? ''}:assumed-role/${roleName}/${input.roleSessionName}`;
  return { ...temporaryCredentials(input.durationSeconds, nowMs), assumedRoleArn };
}

export function getFederationToken(
  input: { name: string; durationSeconds: number },
  simulation: RoleSimulation,
  identity: VaultAwsIdentity,
  nowMs: number,
): IssuedCredentials {
  if (input.durationSeconds < 900) {
    throw invalidParameters(['minimum field value of 900, GetFederationTokenInput.DurationSeconds.']);
  }

  failIfThrottled(simulation);
  failIfAboveFederationMaximum(input.durationSeconds);
  const account = identity.arn.split(':')[4] ?? '';
  failIfDenied(simulation, identity, 'sts:GetFederationToken', `arn:aws:sts::${account}:federated-user/${input.name}`);
  return temporaryCredentials(capForRootAccount(input.durationSeconds, identity), nowMs);
}

export function getSessionToken(
  input: { durationSeconds: number; serialNumber: string; tokenCode: string },
  simulation: RoleSimulation,
  identity: VaultAwsIdentity,
  nowMs: number,
): IssuedCredentials {
  const invalid: string[] = [];
  if (input.durationSeconds < 900) {
    invalid.push('minimum field value of 900, GetSessionTokenInput.DurationSeconds.');
  }

  if (input.serialNumber !== '' && input.serialNumber.length < 9) {
    invalid.push('minimum field size of 9, GetSessionTokenInput.SerialNumber.');
  }

  if (input.tokenCode !== '' && input.tokenCode.length < 6) {
    invalid.push('minimum field size of 6, GetSessionTokenInput.TokenCode.');
  }

  if (invalid.length > 0) {
    throw invalidParameters(invalid);
  }

  failIfThrottled(simulation);
  failIfAboveFederationMaximum(input.durationSeconds);
  failIfDenied(simulation, identity, 'sts:GetSessionToken', identity.arn);

  if (input.serialNumber !== '') {
    if (input.tokenCode === '') {
      throw awsServiceError('AccessDenied', 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.', 403);
    }

    if (simulation.mfaCode !== undefined && simulation.mfaCode !== input.tokenCode) {
      throw awsServiceError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403);
    }
  }

  return temporaryCredentials(capForRootAccount(input.durationSeconds, identity), nowMs);
}

/** Simulates IAM CreateUser plus CreateAccessKey and returns long-lived `AKIA` keys. */
export function createAccessKey(input: { userName: string; userPath: string }, simulation: RoleSimulation, identity: VaultAwsIdentity): { accessKeyId: string; secretAccessKey: string } {
  failIfThrottled(simulation);
  const account = identity.arn.split(':')[4] ?? '';
  failIfDenied(simulation, identity, 'iam:CreateUser', `arn:aws:iam::${account}:user${input.userPath}${input.userName}`);
  return { accessKeyId: randomAccessKeyId('AKIA'), secretAccessKey: randomSecretAccessKey() };
}

function temporaryCredentials(durationSeconds: number, nowMs: number): IssuedCredentials {
  return {
    accessKeyId: randomAccessKeyId('ASIA'),
    secretAccessKey: randomSecretAccessKey(),
    sessionToken: randomSessionToken(),
    expirationMs: Math.floor(nowMs / 1000) * 1000 + durationSeconds * 1000,
  };
}

function failIfThrottled(simulation: RoleSimulation): void {
  if (simulation.awsError === 'Throttling') {
    throw awsServiceError('Throttling', 'Rate exceeded', 400);
  }
}

function failIfDenied(simulation: RoleSimulation, identity: VaultAwsIdentity, action: string, resource: string): void {
  if (simulation.awsError === 'AccessDenied') {
    throw awsServiceError('AccessDenied', `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource}`, 403);
  }
}

function failIfAboveFederationMaximum(durationSeconds: number): void {
  if (durationSeconds > FEDERATION_MAX_SECONDS) {
    throw constraintViolations([`Value '${durationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${FEDERATION_MAX_SECONDS}`]);
  }
}

/** AWS documents that sessions from root-account keys are cut to one hour instead of failing. */
function capForRootAccount(durationSeconds: number, identity: VaultAwsIdentity): number {
  return identity.rootCredentials ? Math.min(durationSeconds, ROOT_ACCOUNT_MAX_SECONDS) : durationSeconds;
}
