import type { Backend, PathCall, PathSpec } from '../../core/framework/pathSpec';
import type { HandlerOutcome } from '../../core/logicalResponse';
import { badRequest } from '../../core/vaultHttpError';
import { quoteGo } from '../../go/quoteGo';
import type { AwsAuthRoleOptions } from '../../types';
import { issueLoginToken } from './issueLoginToken';

const SERVER_ID_HEADER = 'X-Vault-AWS-IAM-Server-ID';

export interface AwsAuthBackend extends Backend {
  roles: Map<string, AwsAuthRoleOptions>;
  config: { iamServerIdHeaderValue: string; callerArn: string };
}

/**
 * Creates an AWS auth mount with the IAM login method. The signed GetCallerIdentity request is
 * checked the way Vault checks it before calling STS. Instead of calling STS, the emulator takes
 * `callerArn` as the caller and never contacts AWS.
 */
export function createAwsAuthBackend(): AwsAuthBackend {
  const roles = new Map<string, AwsAuthRoleOptions>();
  const config = { iamServerIdHeaderValue: '', callerArn: 'arn:aws:iam::123456789012:role/vault-client' };
  const paths: PathSpec[] = [
    {
      pattern: /^login$/,
      fields: {
        role: 'string',
        iam_http_request_method: 'string',
        iam_request_url: 'string',
        iam_request_body: 'string',
        iam_request_headers: 'header',
        identity: 'string',
        signature: 'string',
        pkcs7: 'string',
        nonce: 'string',
      },
      operations: { update: (call) => login(call, roles, config) },
      unauthenticated: true,
      synopsis: 'Authenticates an EC2 instance or IAM principal with Vault.',
    },
  ];
  return { type: 'aws', paths: () => paths, roles, config };
}

function login(call: PathCall, roles: Map<string, AwsAuthRoleOptions>, config: AwsAuthBackend['config']): HandlerOutcome {
  const { fields } = call;
  const iamFields = ['iam_http_request_method', 'iam_request_url', 'iam_request_body', 'iam_request_headers'];
  const ec2Fields = ['identity', 'signature', 'pkcs7'];
  const anyIam = iamFields.some((name) => fields.has(name));
  const allIam = iamFields.every((name) => fields.has(name));
  const anyEc2 = ec2Fields.some((name) => fields.has(name));

  if (anyEc2 && anyIam) {
    throw badRequest('supplied auth values for both ec2 and iam auth types');
  }

  if (anyEc2) {
    throw badRequest('the emulator supports only the iam auth type');
  }

  if (!anyIam) {
    throw badRequest("didn't supply required authentication values");
  }

  if (!allIam) {
    throw badRequest('supplied some of the auth values for the iam auth type but not all');
  }

  validateSignedRequest(call, config);

  const callerArn = config.callerArn;
  const roleName = fields.string('role') || friendlyName(callerArn);
  const role = roles.get(roleName);
  if (role === undefined) {
    throw badRequest(`entry for role ${roleName} not found`);
  }

  const canonical = canonicalArn(callerArn);
  const bound = role.boundIamPrincipalArns;
  const matches = bound.some((arn) => arn === canonical || (arn.endsWith('*') && canonical.startsWith(arn.slice(0, -1))));
  if (bound.length > 0 && !matches) {
    throw badRequest(`IAM Principal ${quoteGo(callerArn)} does not belong to the role ${quoteGo(roleName)}`);
  }

  const metadata = {
    account_id: callerArn.split(':')[4] ?? '',
    auth_type: 'iam',
    canonical_arn: canonical,
    client_arn: callerArn,
    client_user_id: 'AROAEMULATEDUSERID',
    inferred_aws_region: '',
    inferred_entity_id: '',
    inferred_entity_type: '',
    role_id: roleName,
  };
  return issueLoginToken(call.request, { options: role, metadata, displayName: friendlyName(callerArn) });
}

/** Checks the four `iam_*` fields in the order of Vault's `pathLoginUpdateIam`. */
function validateSignedRequest(call: PathCall, config: AwsAuthBackend['config']): void {
  const { fields } = call;
  const method = fields.string('iam_http_request_method');
  if (method === '') {
    throw badRequest('missing iam_http_request_method');
  }

  if (method !== 'POST') {
    throw badRequest("invalid iam_http_request_method; currently only 'POST' is supported");
  }

  const url = fields.string('iam_request_url');
  if (url === '') {
    throw badRequest('missing iam_request_url');
  }

  if (!isBase64(url)) {
    throw badRequest('failed to base64 decode iam_request_url');
  }

  const body = fields.string('iam_request_body');
  if (body === '') {
    throw badRequest('missing iam_request_body');
  }

  if (!isBase64(body)) {
    throw badRequest('failed to base64 decode iam_request_body');
  }

  const headers = fields.get<Map<string, string[]>>('iam_request_headers') ?? new Map<string, string[]>();
  if (headers.size === 0) {
    throw badRequest('missing iam_request_headers');
  }

  if (config.iamServerIdHeaderValue !== '') {
    const problem = serverIdHeaderProblem(headers, config.iamServerIdHeaderValue);
    if (problem !== undefined) {
      throw badRequest(`error validating ${SERVER_ID_HEADER} header: ${problem}`);
    }
  }

  // Real STS would reject another action with its own error; this text only imitates one.
  const action = new URLSearchParams(Buffer.from(body, 'base64').toString('utf8')).get('Action');
  if (action !== 'GetCallerIdentity') {
    throw badRequest('error making upstream request: received error code 400 from STS: the signed request is not sts:GetCallerIdentity');
  }
}

/** Checks the server ID header like Vault's `validateVaultHeaderValue`: it must carry the configured value and be among the SigV4 signed headers. */
function serverIdHeaderProblem(headers: Map<string, string[]>, required: string): string | undefined {
  const provided = [...headers.entries()].find(([name]) => name.toLowerCase() === SERVER_ID_HEADER.toLowerCase())?.[1].join(',') ?? '';
  if (provided === '') {
    return `missing header ${quoteGo(SERVER_ID_HEADER)}`;
  }

  if (provided !== required) {
    return `expected ${quoteGo(required)} but got ${quoteGo(provided)}`;
  }

  const authorization = headers.get('Authorization');
  if (authorization === undefined) {
    return 'missing Authorization header';
  }

  const signedHeaders = /.*SignedHeaders=([^,]+)/.exec(authorization.join(','))?.[1];
  if (signedHeaders === undefined || !signedHeaders.split(';').includes(SERVER_ID_HEADER.toLowerCase())) {
    return "vault header wasn't signed";
  }

  return undefined;
}

/** Checks for padded standard base64, the only form Go's `base64.StdEncoding.DecodeString` accepts. */
function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** Returns the last path part of an IAM ARN, or the role name of an assumed-role ARN. */
function friendlyName(arn: string): string {
  const parts = (arn.split(':')[5] ?? '').split('/');
  return parts[0] === 'assumed-role' ? (parts[1] ?? '') : (parts.at(-1) ?? '');
}

/** Turns `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` into `arn:aws:iam::ACCOUNT:role/NAME`, as Vault compares bound ARNs. */
function canonicalArn(arn: string): string {
  const sections = arn.split(':');
  const parts = (sections[5] ?? '').split('/');
  const type = parts[0] === 'assumed-role' ? 'role' : (parts[0] ?? '');
  return `arn:${sections[1] ?? 'aws'}:iam::${sections[4] ?? ''}:${type}/${friendlyName(arn)}`;
}
