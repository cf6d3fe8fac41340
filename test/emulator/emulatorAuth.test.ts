import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestVault, type VaultResponse } from './requestVault';
import { startVaultEmulator } from './startVaultEmulator';
import type { VaultEmulator } from './types';

const ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  vault.addRole('aws', 'deploy', { credential_type: 'iam_user', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
  vault.addPolicy('aws-sts', { 'aws/sts/s3_access': ['update'] });
});

afterAll(async () => {
  await vault.close();
});

function body(response: VaultResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function stsWith(token: string): Promise<VaultResponse> {
  return requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token });
}

describe('auth/token/lookup-self', () => {
  it('describes the root token', async () => {
    const response = await requestVault(vault, { path: 'auth/token/lookup-self', token: vault.rootToken });

    expect(response.status).toBe(200);
    const data = body(response)['data'] as Record<string, unknown>;
    expect(Object.keys(data)).toEqual([...Object.keys(data)].sort());
    expect(data).toMatchObject({ id: vault.rootToken, policies: ['root'], path: 'auth/token/root', display_name: 'root', ttl: 0, expire_time: null, num_uses: 0, orphan: true, type: 'service' });
    expect(data).not.toHaveProperty('issue_time');
    expect(data).not.toHaveProperty('renewable');
    expect(body(response)['mount_type']).toBe('token');
  });

  it('describes a token with a TTL and uses', async () => {
    vault.addToken('lookup-me', { ttlSeconds: 600, numUses: 5, meta: { team: 'a' } });

    const response = await requestVault(vault, { path: 'auth/token/lookup-self', token: 'lookup-me' });

    const data = body(response)['data'] as Record<string, unknown>;
    expect(data).toMatchObject({ creation_ttl: 600, num_uses: 4, policies: ['default'], renewable: true, meta: { team: 'a' } });
    expect(data['ttl']).toBeGreaterThanOrEqual(598);
    expect(data['ttl']).toBeLessThanOrEqual(600);
    expect(data['expire_time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(data['issue_time']).toMatch(/Z$/);
  });

  it('needs update for POST, which the default policy lacks', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'auth/token/lookup-self', token: 'lookup-me' });

    expect(response.status).toBe(403);
  });

  it('needs the default policy', async () => {
    vault.addToken('no-default', { policies: [], capabilities: { 'aws/*': ['read'] } });

    const response = await requestVault(vault, { path: 'auth/token/lookup-self', token: 'no-default' });

    expect(response.status).toBe(403);
  });
});

describe('sys/capabilities-self', () => {
  it('copies the data keys to the top level for one path', async () => {
    vault.addToken('caps', { capabilities: { 'aws/sts/s3_access': ['update', 'read'] } });

    const response = await requestVault(vault, { method: 'POST', path: 'sys/capabilities-self', token: 'caps', body: { paths: ['aws/sts/s3_access'] } });

    expect(response.status).toBe(200);
    expect(response.body.startsWith('{"aws/sts/s3_access":["read","update"],"capabilities":["read","update"],"request_id":"')).toBe(true);
    expect(body(response)['data']).toEqual({ 'aws/sts/s3_access': ['read', 'update'], capabilities: ['read', 'update'] });
    expect(body(response)['mount_type']).toBe('system');
  });

  it('answers deny and root, without the compatibility key for several paths', async () => {
    const denied = await requestVault(vault, { method: 'POST', path: 'sys/capabilities-self', token: 'caps', body: { paths: 'aws/sts/s3_access,aws/roles/x' } });
    const root = await requestVault(vault, { method: 'POST', path: 'sys/capabilities-self', token: vault.rootToken, body: { path: 'aws/roles/x' } });

    expect(body(denied)['data']).toEqual({ 'aws/sts/s3_access': ['read', 'update'], 'aws/roles/x': ['deny'] });
    expect(body(root)['data']).toEqual({ 'aws/roles/x': ['root'], capabilities: ['root'] });
  });

  it('requires paths', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'sys/capabilities-self', token: vault.rootToken, body: {} });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["paths must be supplied"]}\n');
  });
});

describe('sys/leases', () => {
  it('refuses to renew an STS lease and looks it up', async () => {
    const leaseId = String(body(await stsWith(vault.rootToken))['lease_id']);

    const renewed = await requestVault(vault, { method: 'PUT', path: 'sys/leases/renew', token: vault.rootToken, body: { lease_id: leaseId } });
    const looked = await requestVault(vault, { method: 'PUT', path: 'sys/leases/lookup', token: vault.rootToken, body: { lease_id: leaseId } });

    expect(renewed.status).toBe(400);
    expect(renewed.body).toBe('{"errors":["lease is not renewable"]}\n');
    expect(looked.status).toBe(200);
    const data = body(looked)['data'] as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['expire_time', 'id', 'issue_time', 'last_renewal', 'renewable', 'ttl']);
    expect(data).toMatchObject({ id: leaseId, renewable: false, last_renewal: null });
    expect(data['ttl']).toBeGreaterThan(3590);
  });

  it('renews an iam_user lease', async () => {
    const leaseId = String(body(await requestVault(vault, { path: 'aws/creds/deploy', token: vault.rootToken }))['lease_id']);

    const renewed = await requestVault(vault, { method: 'PUT', path: 'sys/leases/renew', token: vault.rootToken, body: { lease_id: leaseId, increment: '1h' } });

    expect(renewed.status).toBe(200);
    expect(body(renewed)).toMatchObject({ lease_id: leaseId, renewable: true, lease_duration: 3600, data: null });
  });

  it('revokes with 204, and with 202 when sync is false', async () => {
    const leaseId = String(body(await stsWith(vault.rootToken))['lease_id']);

    const revoked = await requestVault(vault, { method: 'PUT', path: `sys/leases/revoke/${leaseId}`, token: vault.rootToken });
    const unknown = await requestVault(vault, { method: 'PUT', path: 'sys/leases/revoke', token: vault.rootToken, body: { lease_id: 'aws/sts/x/unknown' } });
    const asynchronous = await requestVault(vault, { method: 'PUT', path: 'sys/leases/revoke', token: vault.rootToken, body: { lease_id: 'aws/sts/x/unknown', sync: false } });
    const lookedUp = await requestVault(vault, { method: 'PUT', path: 'sys/leases/lookup', token: vault.rootToken, body: { lease_id: leaseId } });

    expect(revoked.status).toBe(204);
    expect(revoked.body).toBe('');
    expect(revoked.headers['content-type']).toBe('application/json');
    expect(unknown.status).toBe(204);
    expect(asynchronous.status).toBe(202);
    expect(lookedUp.status).toBe(400);
    expect(lookedUp.body).toBe('{"errors":["invalid lease"]}\n');
  });

  it('requires a lease ID', async () => {
    const response = await requestVault(vault, { method: 'PUT', path: 'sys/leases/revoke', token: vault.rootToken, body: {} });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["lease_id must be specified"]}\n');
  });
});

describe('response wrapping', () => {
  it('wraps credentials and unwraps them once', async () => {
    const wrapped = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, headers: { 'X-Vault-Wrap-TTL': '5m' } });

    expect(wrapped.status).toBe(200);
    const envelope = body(wrapped);
    expect(envelope).toMatchObject({ request_id: '', lease_id: '', data: null, mount_type: '' });
    const wrapInfo = envelope['wrap_info'] as Record<string, unknown>;
    expect(Object.keys(wrapInfo)).toEqual(['token', 'accessor', 'ttl', 'creation_time', 'creation_path']);
    expect(wrapInfo).toMatchObject({ ttl: 300, creation_path: 'aws/sts/s3_access' });

    const unwrapped = await requestVault(vault, { method: 'POST', path: 'sys/wrapping/unwrap', token: String(wrapInfo['token']) });
    const again = await requestVault(vault, { method: 'POST', path: 'sys/wrapping/unwrap', token: String(wrapInfo['token']) });

    expect(unwrapped.status).toBe(200);
    expect((body(unwrapped)['data'] as Record<string, unknown>)['access_key']).toMatch(/^ASIA/);
    expect(again.status).toBe(400);
    expect(again.body).toBe('{"errors":["wrapping token is not valid or does not exist"]}\n');
  });

  it('unwraps a token given in the body with another token', async () => {
    const token = vault.createWrappingToken({ secret_id: 'abc' });

    const response = await requestVault(vault, { method: 'POST', path: 'sys/wrapping/unwrap', token: vault.rootToken, body: { token } });

    expect(response.status).toBe(200);
    expect(body(response)['data']).toEqual({ secret_id: 'abc' });
  });

  it('rejects a negative wrap TTL', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, headers: { 'X-Vault-Wrap-TTL': '-5' } });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["error parsing X-Vault-Wrap-TTL header: requested wrap ttl cannot be negative"]}\n');
  });

  it('lets a wrapping token do nothing but unwrap', async () => {
    const token = vault.createWrappingToken({ a: 1 });

    const response = await stsWith(token);

    expect(response.status).toBe(403);
  });
});

describe('AppRole login', () => {
  it('logs in with a response-wrapped secret_id', async () => {
    const { roleId } = vault.addAppRole('ci', { policies: ['aws-sts'], tokenTtlSeconds: 1200 });
    const wrapped = await requestVault(vault, { method: 'POST', path: 'auth/approle/role/ci/secret-id', token: vault.rootToken, headers: { 'X-Vault-Wrap-TTL': '60' } });
    const wrappingToken = String((body(wrapped)['wrap_info'] as Record<string, unknown>)['token']);
    const unwrapped = await requestVault(vault, { method: 'POST', path: 'sys/wrapping/unwrap', token: wrappingToken });
    const secretId = String((body(unwrapped)['data'] as Record<string, unknown>)['secret_id']);

    const login = await requestVault(vault, { method: 'POST', path: 'auth/approle/login', token: 'stale-token-ignored', body: { role_id: roleId, secret_id: `${secretId}\n` } });

    expect(login.status).toBe(200);
    const response = body(login);
    expect(response).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, data: null, mount_type: 'approle' });
    const auth = response['auth'] as Record<string, unknown>;
    expect(Object.keys(auth)).toEqual(['client_token', 'accessor', 'policies', 'token_policies', 'metadata', 'lease_duration', 'renewable', 'entity_id', 'token_type', 'orphan', 'mfa_requirement', 'num_uses']);
    expect(auth).toMatchObject({ policies: ['aws-sts', 'default'], metadata: { role_name: 'ci' }, lease_duration: 1200, renewable: true, token_type: 'service', orphan: true, mfa_requirement: null, num_uses: 0 });
    expect(auth['client_token']).toMatch(/^hvs\./);
    expect((await stsWith(String(auth['client_token']))).status).toBe(200);
  });

  it.each([
    { body: {}, message: 'missing role_id' },
    { body: { role_id: 'nope', secret_id: 'x' }, message: 'invalid role or secret ID' },
  ])('rejects $body with $message', async ({ body: loginBody, message }) => {
    const response = await requestVault(vault, { method: 'POST', path: 'auth/approle/login', body: loginBody });

    expect(response.status).toBe(400);
    expect(response.body).toBe(`{"errors":["${message}"]}\n`);
  });

  it('checks the secret_id', async () => {
    const { roleId } = vault.addAppRole('checked', { roleId: 'role-checked', secretId: 'secret-checked' });

    const missing = await requestVault(vault, { method: 'POST', path: 'auth/approle/login', body: { role_id: roleId } });
    const wrong = await requestVault(vault, { method: 'POST', path: 'auth/approle/login', body: { role_id: roleId, secret_id: 'other' } });

    expect(missing.body).toBe('{"errors":["missing secret_id"]}\n');
    expect(wrong.body).toBe('{"errors":["invalid role or secret ID"]}\n');
  });

  it('serves a custom mount name', async () => {
    const { roleId, secretId } = vault.addAppRole('team', { mount: 'approle-team' });

    const login = await requestVault(vault, { method: 'POST', path: 'auth/approle-team/login', body: { role_id: roleId, secret_id: secretId } });

    expect(login.status).toBe(200);
  });
});

describe('userpass and LDAP login', () => {
  it('lower-cases the user name and checks the password', async () => {
    vault.addUserpass('Alice', 'pw', { policies: ['aws-sts'] });

    const ok = await requestVault(vault, { method: 'POST', path: 'auth/userpass/login/ALICE', body: { password: 'pw' } });
    const wrong = await requestVault(vault, { method: 'POST', path: 'auth/userpass/login/alice', body: { password: 'bad' } });
    const missing = await requestVault(vault, { method: 'POST', path: 'auth/userpass/login/alice', body: {} });

    expect(ok.status).toBe(200);
    expect((body(ok)['auth'] as Record<string, unknown>)['metadata']).toEqual({ username: 'alice' });
    expect(body(ok)['mount_type']).toBe('userpass');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toBe('{"errors":["invalid username or password"]}\n');
    expect(missing.status).toBe(500);
    expect(missing.body).toBe('{"errors":["1 error occurred:\\n\\t* missing password\\n\\n"]}\n');
  });

  it('names the user in the token display name', async () => {
    const login = await requestVault(vault, { method: 'POST', path: 'auth/userpass/login/alice', body: { password: 'pw' } });
    const token = String((body(login)['auth'] as Record<string, unknown>)['client_token']);

    const lookup = await requestVault(vault, { path: 'auth/token/lookup-self', token });

    expect((body(lookup)['data'] as Record<string, unknown>)['display_name']).toBe('userpass-alice');
  });

  it('logs in an LDAP user', async () => {
    vault.addLdapUser('bob', 'pw');

    const ok = await requestVault(vault, { method: 'POST', path: 'auth/ldap/login/bob', body: { password: 'pw' } });
    const wrong = await requestVault(vault, { method: 'POST', path: 'auth/ldap/login/bob', body: { password: 'x' } });

    expect(ok.status).toBe(200);
    expect(body(ok)['mount_type']).toBe('ldap');
    expect(wrong.status).toBe(400);
  });
});

describe('JWT and Kubernetes login', () => {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

  function signedJwt(claims: Record<string, unknown>): string {
    const signingInput = `${base64url({ alg: 'ES256', typ: 'JWT' })}.${base64url(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  it('accepts a signed JWT and checks audience and expiry', async () => {
    vault.addJwtRole('dev-role', { boundAudiences: ['vault'], publicKeys: [publicKey], policies: ['aws-sts'], isDefault: true });
    const now = Math.floor(Date.now() / 1000);

    const ok = await requestVault(vault, { method: 'POST', path: 'auth/jwt/login', body: { jwt: signedJwt({ sub: 'ci', aud: 'vault', exp: now + 60 }) } });
    const wrongAudience = await requestVault(vault, { method: 'POST', path: 'auth/jwt/login', body: { role: 'dev-role', jwt: signedJwt({ sub: 'ci', aud: 'other', exp: now + 60 }) } });
    const expired = await requestVault(vault, { method: 'POST', path: 'auth/jwt/login', body: { role: 'dev-role', jwt: signedJwt({ sub: 'ci', aud: 'vault', exp: now - 60 }) } });
    const unsigned = await requestVault(vault, { method: 'POST', path: 'auth/jwt/login', body: { role: 'dev-role', jwt: `${base64url({ alg: 'ES256' })}.${base64url({ sub: 'x', aud: 'vault' })}.AAAA` } });
    const unknownRole = await requestVault(vault, { method: 'POST', path: 'auth/jwt/login', body: { role: 'nope', jwt: 'x' } });

    expect(ok.status).toBe(200);
    expect((body(ok)['auth'] as Record<string, unknown>)['metadata']).toEqual({ role: 'dev-role' });
    expect(wrongAudience.status).toBe(400);
    expect(wrongAudience.body).toContain('aud');
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('expired');
    expect(unsigned.status).toBe(400);
    expect(unsigned.body).toContain('signature');
    expect(unknownRole.body).toBe('{"errors":["role \\"nope\\" could not be found"]}\n');
  });

  it('checks the Kubernetes service account and namespace', async () => {
    vault.addKubernetesRole('app', { serviceAccountNames: ['app-sa'], namespaces: ['prod'] });
    const token = (namespace: string, name: string): string => `${base64url({ alg: 'RS256' })}.${base64url({ 'kubernetes.io': { namespace, serviceaccount: { name, uid: 'u-1' } } })}.sig`;

    const ok = await requestVault(vault, { method: 'POST', path: 'auth/kubernetes/login', body: { role: 'app', jwt: token('prod', 'app-sa') } });
    const wrongNamespace = await requestVault(vault, { method: 'POST', path: 'auth/kubernetes/login', body: { role: 'app', jwt: token('dev', 'app-sa') } });
    const wrongAccount = await requestVault(vault, { method: 'POST', path: 'auth/kubernetes/login', body: { role: 'app', jwt: token('prod', 'other') } });

    expect(ok.status).toBe(200);
    expect((body(ok)['auth'] as Record<string, unknown>)['metadata']).toMatchObject({ role: 'app', service_account_name: 'app-sa', service_account_namespace: 'prod' });
    expect(wrongNamespace.status).toBe(403);
    expect(wrongNamespace.body).toBe('{"errors":["1 error occurred:\\n\\t* namespace not authorized\\n\\n"]}\n');
    expect(wrongAccount.body).toBe('{"errors":["1 error occurred:\\n\\t* service account name not authorized\\n\\n"]}\n');
  });
});

describe('AWS IAM login', () => {
  const encode = (text: string): string => Buffer.from(text).toString('base64');
  const signedHeaders = (signed: string, serverId?: string): string =>
    encode(JSON.stringify({
      Authorization: [`AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250101/us-east-1/sts/aws4_request, SignedHeaders=${signed}, Signature=abc`],
      ...(serverId === undefined ? {} : { 'X-Vault-AWS-IAM-Server-ID': [serverId] }),
    }));
  const loginBody = (headers: string, overrides: Record<string, string> = {}): Record<string, string> => ({
    role: 'ci',
    iam_http_request_method: 'POST',
    iam_request_url: encode('https://sts.amazonaws.com/'),
    iam_request_body: encode('Action=GetCallerIdentity&Version=2011-06-15'),
    iam_request_headers: headers,
    ...overrides,
  });

  beforeAll(() => {
    vault.configureAwsAuth({ iamServerIdHeaderValue: 'vault.example.com', callerArn: 'arn:aws:sts::123456789012:assumed-role/ci-runner/i-0abc' });
    vault.addAwsAuthRole('ci', { boundIamPrincipalArns: ['arn:aws:iam::123456789012:role/ci-*'], policies: ['aws-sts'] });
  });

  async function login(requestBody: Record<string, string>): Promise<VaultResponse> {
    return requestVault(vault, { method: 'POST', path: 'auth/aws/login', body: requestBody });
  }

  it('logs in when the server ID header is signed', async () => {
    const response = await login(loginBody(signedHeaders('host;x-amz-date;x-vault-aws-iam-server-id', 'vault.example.com')));

    expect(response.status).toBe(200);
    const auth = body(response)['auth'] as Record<string, unknown>;
    expect(auth['metadata']).toMatchObject({ auth_type: 'iam', client_arn: 'arn:aws:sts::123456789012:assumed-role/ci-runner/i-0abc', canonical_arn: 'arn:aws:iam::123456789012:role/ci-runner', account_id: '123456789012' });
  });

  it.each([
    { name: 'missing header', headers: signedHeaders('host;x-amz-date'), message: 'error validating X-Vault-AWS-IAM-Server-ID header: missing header \\"X-Vault-AWS-IAM-Server-ID\\"' },
    { name: 'wrong value', headers: signedHeaders('host;x-vault-aws-iam-server-id', 'other'), message: 'error validating X-Vault-AWS-IAM-Server-ID header: expected \\"vault.example.com\\" but got \\"other\\"' },
    { name: 'unsigned header', headers: signedHeaders('host;x-amz-date', 'vault.example.com'), message: "error validating X-Vault-AWS-IAM-Server-ID header: vault header wasn't signed" },
  ])('rejects a $name', async ({ headers, message }) => {
    const response = await login(loginBody(headers));

    expect(response.status).toBe(400);
    expect(response.body).toBe(`{"errors":["${message}"]}\n`);
  });

  it.each([
    { field: 'iam_request_url', message: 'failed to base64 decode iam_request_url' },
    { field: 'iam_request_body', message: 'failed to base64 decode iam_request_body' },
  ])('rejects $field that is not base64', async ({ field, message }) => {
    const response = await login(loginBody(signedHeaders('host;x-vault-aws-iam-server-id', 'vault.example.com'), { [field]: 'not base64!' }));

    expect(response.body).toBe(`{"errors":["${message}"]}\n`);
  });

  it('rejects headers that are not base64 JSON', async () => {
    const response = await login(loginBody('not base64 json'));

    expect(response.status).toBe(400);
    expect(response.body).toContain('Field validation failed: error converting input for field \\"iam_request_headers\\"');
  });

  it('rejects a method other than POST and partial input', async () => {
    const method = await login(loginBody(signedHeaders('host'), { iam_http_request_method: 'GET' }));
    const partial = await requestVault(vault, { method: 'POST', path: 'auth/aws/login', body: { role: 'ci', iam_http_request_method: 'POST' } });

    expect(method.body).toBe('{"errors":["invalid iam_http_request_method; currently only \'POST\' is supported"]}\n');
    expect(partial.body).toBe('{"errors":["supplied some of the auth values for the iam auth type but not all"]}\n');
  });
});
