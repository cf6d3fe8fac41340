import type { GoValue } from '../../go/marshalGoJson';
import { quoteGo } from '../../go/quoteGo';
import type { PathCall } from '../../core/framework/pathSpec';
import { issueLease } from '../../core/leases/issueLease';
import { logicalResponse, type LogicalResponse } from '../../core/logicalResponse';
import { preciseNow } from '../../core/preciseNow';
import { badRequest, VaultHttpError } from '../../core/vaultHttpError';
import type { VaultFeatures } from '../../core/vaultFeatures';
import type { AwsEngine } from './awsEngine';
import { AwsCallError } from './awsErrors';
import type { AwsRoleEntry } from './awsRoleEntry';
import { defaultFederationName, defaultIamName, normalizeDisplayName } from './sessionNames';
import { assumeRole, createAccessKey, getFederationToken, getSessionToken, type IssuedCredentials, type VaultAwsIdentity } from './simulateSts';

/** Handles `<mount>/(creds|sts)/<name>` for reads and writes, in the order of Vault's `pathCredsRead`. */
export function readCredentials(call: PathCall, engine: AwsEngine): LogicalResponse {
  const { request, fields } = call;
  const roleName = fields.string('name');
  const role = engine.roles.get(roleName);
  if (role === undefined) {
    throw badRequest(`Role ${quoteGo(roleName)} not found`);
  }

  const maxTtl = role.maxStsTtl > 0 ? role.maxStsTtl : engine.options.maxLeaseTtlSeconds;
  let requestedTtl = 3600;
  if (fields.has('ttl')) {
    requestedTtl = fields.get<number>('ttl') ?? 0;
  } else if (role.defaultStsTtl > 0) {
    requestedTtl = role.defaultStsTtl;
  }

  const ttl = Math.min(requestedTtl, maxTtl);

  const throughCredsPath = request.subpath.startsWith('creds');
  const credentialType = pickCredentialType(role, throughCredsPath);
  guardLegacyPath(role, credentialType, throughCredsPath);

  const identity: VaultAwsIdentity = { arn: engine.options.vaultIdentityArn, roleChaining: engine.options.roleChaining, rootCredentials: engine.options.rootCredentials };
  const simulation = engine.simulations.get(roleName) ?? {};
  const context = request.context;
  const features = context.features();
  const displayName = request.token?.displayName ?? '';
  const unixSeconds = Math.floor(context.vaultNow() / 1000);
  const realNow = preciseNow();

  switch (credentialType) {
    case 'iam_user': {
      const userName = defaultIamName(displayName, roleName, unixSeconds);
      const keys = callAws('Error creating IAM user', () => createAccessKey({ userName, userPath: role.userPath === '' ? '/' : role.userPath }, simulation, identity));
      return iamUserResponse(call, engine, keys, features);
    }

    case 'assumed_role': {
      const roleArn = pickRoleArn(role, roleName, fields.string('role_arn'));
      const suppliedName = fields.string('role_session_name');
      const roleSessionName = suppliedName === '' ? defaultIamName(displayName, roleName, unixSeconds) : normalizeDisplayName(suppliedName);
      const issued = callAws('Error assuming role', () => assumeRole({ roleArn, roleSessionName, durationSeconds: ttl, externalId: role.externalId }, simulation, identity, realNow));
      return stsResponse(call, engine, credentialType, issued, features, realNow);
    }

    case 'federation_token': {
      if (role.policyDocument === '' && (role.policyArns?.length ?? 0) === 0) {
        throw badRequest('must specify at least one of policy_arns or policy_document with federation_token credential_type');
      }

      const name = defaultFederationName(unixSeconds);
      const issued = callAws('Error generating STS keys', () => getFederationToken({ name, durationSeconds: ttl }, simulation, identity, realNow));
      return stsResponse(call, engine, credentialType, issued, features, realNow);
    }

    case 'session_token': {
      const input = { durationSeconds: ttl, serialNumber: role.mfaSerialNumber, tokenCode: fields.string('mfa_code') };
      const issued = callAws('Error generating STS keys', () => getSessionToken(input, simulation, identity, realNow));
      return stsResponse(call, engine, credentialType, issued, features, realNow);
    }

    default:
      throw badRequest(`unknown credential_type: ${quoteGo(credentialType)}`);
  }
}

function pickCredentialType(role: AwsRoleEntry, throughCredsPath: boolean): string {
  if (role.credentialTypes.length === 1) {
    return role.credentialTypes[0] ?? '';
  }

  // Only legacy roles hold several types, always iam_user and federation_token; the path decides.
  const type = throughCredsPath ? 'iam_user' : 'federation_token';
  if (!role.credentialTypes.includes(type)) {
    const listed = role.credentialTypes.map((item) => quoteGo(item)).join(', ');
    throw badRequest(`requested credential type ${quoteGo(type)} not in allowed credential types []string{${listed}}`);
  }

  return type;
}

function guardLegacyPath(role: AwsRoleEntry, credentialType: string, throughCredsPath: boolean): void {
  if (!role.prohibitFlexibleCredPath) {
    return;
  }

  if (credentialType === 'iam_user' && !throughCredsPath) {
    throw badRequest('attempted to retrieve iam_user credentials through the sts path; this is not allowed for legacy roles');
  }

  if (credentialType !== 'iam_user' && throughCredsPath) {
    throw badRequest(`attempted to retrieve ${credentialType} credentials through the creds path; this is not allowed for legacy roles`);
  }
}

function pickRoleArn(role: AwsRoleEntry, roleName: string, requested: string): string {
  const allowed = role.roleArns ?? [];
  if (requested === '') {
    if (allowed.length !== 1) {
      throw badRequest('did not supply a role_arn parameter and unable to determine one');
    }

    return allowed[0] ?? '';
  }

  if (!allowed.includes(requested)) {
    throw badRequest(`role_arn ${quoteGo(requested)} not in allowed role arns for Vault role ${quoteGo(roleName)}`);
  }

  return requested;
}

/** Runs a simulated AWS call; AWS failures become Vault's error response (502 for throttling, else 400). */
function callAws<T>(prefix: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof AwsCallError) {
      throw new VaultHttpError(error.throttled ? 502 : 400, [`${prefix}: ${error.text}`]);
    }

    throw error;
  }
}

/**
 * Builds the response of an STS credential type. The expiry is on AWS's clock and the time left on
 * Vault's, so clock skew changes the TTL. Measuring at the issue instant makes a one-hour
 * credential read 3599 seconds, as real Vault responses do.
 */
function stsResponse(call: PathCall, engine: AwsEngine, credentialType: string, issued: IssuedCredentials, features: VaultFeatures, issuedAtMs: number): LogicalResponse {
  const context = call.request.context;
  const ttlMs = issued.expirationMs - (issuedAtMs + context.state.clockSkewMs);
  const data = new Map<string, GoValue>([
    ['access_key', issued.accessKeyId],
    ['secret_key', issued.secretAccessKey],
  ]);

  if (credentialType !== 'session_token') {
    data.set('security_token', issued.sessionToken);
  }

  if (features.sessionToken) {
    data.set('session_token', issued.sessionToken);
  }

  if (issued.assumedRoleArn !== undefined && features.assumedRoleArn) {
    data.set('arn', issued.assumedRoleArn);
  }

  if (features.stsDataTtl) {
    data.set('ttl', Math.max(0, Math.floor(ttlMs / 1000)));
  }

  if (features.stsWithoutLease) {
    return logicalResponse(data);
  }

  const { lease, warnings } = issueLease(context, { path: call.request.path, ttlMs, maxTtlSeconds: engine.options.maxLeaseTtlSeconds, renewable: false });
  return logicalResponse(data, { lease, warnings });
}

function iamUserResponse(call: PathCall, engine: AwsEngine, keys: { accessKeyId: string; secretAccessKey: string }, features: VaultFeatures): LogicalResponse {
  const data = new Map<string, GoValue>([
    ['access_key', keys.accessKeyId],
    ['secret_key', keys.secretAccessKey],
    [features.sessionToken ? 'session_token' : 'security_token', null],
  ]);

  const options = engine.options;
  const ttlSeconds = options.leaseSeconds > 0 ? options.leaseSeconds : options.defaultLeaseTtlSeconds;
  const maxTtlSeconds = options.leaseMaxSeconds > 0 ? Math.min(options.leaseMaxSeconds, options.maxLeaseTtlSeconds) : options.maxLeaseTtlSeconds;
  const { lease, warnings } = issueLease(call.request.context, {
    path: call.request.path,
    ttlMs: ttlSeconds * 1000,
    maxTtlSeconds,
    renewable: true,
    renewSeconds: ttlSeconds,
  });
  return logicalResponse(data, { lease, warnings });
}
