import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestVault, type VaultResponse } from './requestVault';
import { startVaultEmulator } from './startVaultEmulator';
import type { VaultEmulator } from './types';

const ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';
const OTHER_ARN = 'arn:aws:iam::111122223333:role/other';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ONE_ERROR_403 = '{"errors":["1 error occurred:\\n\\t* permission denied\\n\\n"]}\n';
const TWO_ERROR_403 = '{"errors":["2 errors occurred:\\n\\t* permission denied\\n\\t* invalid token\\n\\n"]}\n';

function json(response: VaultResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

function dataOf(response: VaultResponse): Record<string, unknown> {
  return json(response)['data'] as Record<string, unknown>;
}

async function withEmulator(version: string, run: (vault: VaultEmulator) => Promise<void>): Promise<void> {
  const vault = await startVaultEmulator({ version });
  try {
    await run(vault);
  } finally {
    await vault.close();
  }
}

describe('credentials response shape by version', () => {
  const cases = [
    { version: '1.12.0', keys: ['access_key', 'arn', 'secret_key', 'security_token'], lease: true, mountType: false },
    { version: '1.13.0', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'ttl'], lease: false, mountType: false },
    { version: '1.13.1', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'ttl'], lease: false, mountType: false },
    { version: '1.13.2', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'ttl'], lease: true, mountType: false },
    { version: '1.14.0', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'ttl'], lease: true, mountType: false },
    { version: '1.15.0', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'ttl'], lease: true, mountType: false },
    { version: '1.16.0', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'session_token', 'ttl'], lease: true, mountType: true },
    { version: '1.17.0', keys: ['access_key', 'arn', 'secret_key', 'security_token', 'session_token', 'ttl'], lease: true, mountType: true },
  ];

  it.each(cases)('matches Vault $version', async ({ version, keys, lease, mountType }) => {
    await withEmulator(version, async (vault) => {
      vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });

      const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, body: { ttl: 3600 } });

      expect(response.status).toBe(200);
      expect(response.body.endsWith('}\n')).toBe(true);
      const body = json(response);
      const topLevel = ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth'];
      expect(Object.keys(body)).toEqual(mountType ? [...topLevel, 'mount_type'] : topLevel);
      expect(body['request_id']).toMatch(new RegExp(`^${UUID}$`));
      expect(body['renewable']).toBe(false);
      expect(body['wrap_info']).toBeNull();
      expect(body['warnings']).toBeNull();
      expect(body['auth']).toBeNull();
      if (mountType) {
        expect(body['mount_type']).toBe('aws');
      }

      const data = dataOf(response);
      expect(Object.keys(data)).toEqual(keys);
      expect(data['access_key']).toMatch(/^ASIA[A-Z0-9]{16}$/);
      expect(data['secret_key']).toMatch(/^[A-Za-z0-9+/]{40}$/);
      expect(String(data['security_token']).length).toBeGreaterThan(300);
      expect(data['arn']).toMatch(/^arn:aws:sts::083674922126:assumed-role\/vault-role-bucket-access\/vault-root-s3_access-\d{10}-[A-Za-z0-9]{20}$/);
      if (keys.includes('session_token')) {
        expect(data['session_token']).toBe(data['security_token']);
      }

      if (keys.includes('ttl')) {
        expect(data['ttl']).toBe(3599);
      }

      if (lease) {
        expect(body['lease_id']).toMatch(/^aws\/sts\/s3_access\/[A-Za-z0-9]{24}$/);
        expect(body['lease_duration']).toBe(3599);
      } else {
        expect(body['lease_id']).toBe('');
        expect(body['lease_duration']).toBe(0);
      }
    });
  });

  it('writes federation tokens without arn', async () => {
    await withEmulator('1.16.0', async (vault) => {
      vault.addRole('aws', 'fed', { credential_type: 'federation_token', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });

      const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/fed', token: vault.rootToken, body: { ttl: '1h' } });

      expect(response.status).toBe(200);
      expect(Object.keys(dataOf(response))).toEqual(['access_key', 'secret_key', 'security_token', 'session_token', 'ttl']);
    });
  });

  it('writes session_token credentials without security_token', async () => {
    await withEmulator('1.16.0', async (vault) => {
      vault.addRole('aws', 'session', { credential_type: 'session_token' });

      const response = await requestVault(vault, { method: 'POST', path: 'aws/creds/session', token: vault.rootToken, body: {} });

      expect(response.status).toBe(200);
      expect(Object.keys(dataOf(response))).toEqual(['access_key', 'secret_key', 'session_token', 'ttl']);
      expect(json(response)['renewable']).toBe(false);
    });
  });

  it.each([
    { version: '1.15.0', key: 'security_token' },
    { version: '1.16.0', key: 'session_token' },
  ])('writes iam_user keys with $key null on $version', async ({ version, key }) => {
    await withEmulator(version, async (vault) => {
      vault.addRole('aws', 'deploy', { credential_type: 'iam_user', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });

      const response = await requestVault(vault, { path: 'aws/creds/deploy', token: vault.rootToken });

      expect(response.status).toBe(200);
      const body = json(response);
      expect(body['renewable']).toBe(true);
      expect(body['lease_duration']).toBe(2764800);
      expect(body['lease_id']).toMatch(/^aws\/creds\/deploy\/[A-Za-z0-9]{24}$/);
      expect(dataOf(response)).toEqual({ access_key: expect.stringMatching(/^AKIA[A-Z0-9]{16}$/), secret_key: expect.any(String), [key]: null });
    });
  });

  it('gives a new key pair on every request', async () => {
    await withEmulator('1.17.0', async (vault) => {
      vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });

      const first = dataOf(await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken }));
      const second = dataOf(await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken }));

      expect(first['access_key']).not.toBe(second['access_key']);
      expect(first['secret_key']).not.toBe(second['secret_key']);
      expect(first['session_token']).not.toBe(second['session_token']);
    });
  });
});

describe('credentials request handling', () => {
  let vault: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator({ version: '1.17.0' });
    vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
    vault.addRole('aws', 'multi', { credential_type: 'assumed_role', role_arns: [ROLE_ARN, OTHER_ARN] });
    vault.addRole('aws', 'long', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], maxSessionDuration: 43_200, max_sts_ttl: '4h', default_sts_ttl: 1800 });
    vault.addRole('aws', 'denied', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], awsError: 'AccessDenied' });
    vault.addRole('aws', 'throttled', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], awsError: 'Throttling' });
    vault.addRole('aws', 'fed', { credential_type: 'federation_token' });
    vault.addRole('aws', 'legacy', { arn: ROLE_ARN });
  });

  afterAll(async () => {
    await vault.close();
  });

  async function sts(body: unknown, role = 's3_access', method = 'POST'): Promise<VaultResponse> {
    return requestVault(vault, { method, path: `aws/sts/${role}`, token: vault.rootToken, body });
  }

  it.each(['GET', 'POST', 'PUT'])('serves %s on creds and sts', async (method) => {
    for (const kind of ['creds', 'sts']) {
      const response = await requestVault(vault, { method, path: `aws/${kind}/s3_access`, token: vault.rootToken });

      expect(response.status).toBe(200);
      expect(json(response)['lease_id']).toMatch(new RegExp(`^aws/${kind}/s3_access/`));
    }
  });

  it('takes ttl from the GET query string', async () => {
    const response = await requestVault(vault, { path: 'aws/sts/s3_access?ttl=15m', token: vault.rootToken });

    expect(response.status).toBe(200);
    expect(dataOf(response)['ttl']).toBe(899);
    expect(json(response)['lease_duration']).toBe(899);
  });

  it('ignores query parameters on POST', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access?ttl=10', token: vault.rootToken });

    expect(response.status).toBe(200);
    expect(dataOf(response)['ttl']).toBe(3599);
  });

  it.each([
    { ttl: 900, expected: 899 },
    { ttl: '900', expected: 899 },
    { ttl: '30m', expected: 1799 },
    { ttl: '1h', expected: 3599 },
  ])('accepts ttl $ttl', async ({ ttl, expected }) => {
    const response = await sts({ ttl });

    expect(response.status).toBe(200);
    expect(dataOf(response)['ttl']).toBe(expected);
  });

  it('reads a form body only with the form content type', async () => {
    const form = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, body: 'ttl=1200', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const json = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, body: '{"ttl":1200}', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

    expect(dataOf(form)['ttl']).toBe(1199);
    expect(dataOf(json)['ttl']).toBe(1199);
  });

  it('accepts an empty body and applies the default', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, body: '' });

    expect(response.status).toBe(200);
    expect(dataOf(response)['ttl']).toBe(3599);
  });

  it('rejects malformed JSON', async () => {
    const response = await sts('{"ttl":');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["error parsing JSON"]}\n');
  });

  it('rejects a JSON array body', async () => {
    const response = await sts('[1]');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["error parsing JSON"]}\n');
  });

  it('rejects a body over 32 MiB with 413', async () => {
    const response = await sts(`{"ttl":900,"pad":"${'x'.repeat(32 * 1024 * 1024)}"}`);

    expect(response.status).toBe(413);
    expect(response.body).toBe('{"errors":["error parsing JSON"]}\n');
  });

  it.each([
    { ttl: -5, message: "Field validation failed: error converting input for field \\\"ttl\\\": cannot provide negative value '-5'" },
    { ttl: 'forever', message: 'Field validation failed: error converting input for field \\"ttl\\": time: invalid duration \\"forever\\"' },
    { ttl: '5x', message: 'Field validation failed: error converting input for field \\"ttl\\": time: unknown unit \\"x\\" in duration \\"5x\\"' },
    { ttl: true, message: 'Field validation failed: error converting input for field \\"ttl\\": could not parse duration from input' },
  ])('rejects ttl $ttl with 400', async ({ ttl, message }) => {
    const response = await sts({ ttl });

    expect(response.status).toBe(400);
    expect(response.body).toBe(`{"errors":["${message}"]}\n`);
  });

  it('keeps JSON number text, so 900.5 is not a duration', async () => {
    const response = await sts('{"ttl":900.5}');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["Field validation failed: error converting input for field \\"ttl\\": time: missing unit in duration \\"900.5\\""]}\n');
  });

  it('rejects a repeated query key as a list', async () => {
    const response = await requestVault(vault, { path: 'aws/sts/s3_access?ttl=900&ttl=1200', token: vault.rootToken });

    expect(response.status).toBe(400);
    expect(response.body).toContain('could not parse duration from input');
  });

  it('warns about unknown parameters', async () => {
    const response = await sts({ ttl: 900, zeta: 1, alpha: 'x' });

    expect(response.status).toBe(200);
    expect(json(response)['warnings']).toEqual(['Endpoint ignored these unrecognized parameters: [alpha zeta]']);
  });

  it('warns when the body repeats the role name', async () => {
    const response = await sts({ name: 'other' });

    expect(response.status).toBe(200);
    expect(json(response)['warnings']).toEqual(["Endpoint replaced the value of these parameters with the values captured from the endpoint's path: [name]"]);
  });

  it('names a missing role with Go quoting', async () => {
    const response = await sts({}, 'nope');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["Role \\"nope\\" not found"]}\n');
  });

  it('answers 404 unsupported path for a name outside the pattern', async () => {
    const response = await sts({}, 'bad-');

    expect(response.status).toBe(404);
    expect(response.body).toBe('{"errors":["1 error occurred:\\n\\t* unsupported path\\n\\n"]}\n');
  });

  it('answers 405 for DELETE on creds', async () => {
    const response = await requestVault(vault, { method: 'DELETE', path: 'aws/sts/s3_access', token: vault.rootToken });

    expect(response.status).toBe(405);
    expect(response.body).toBe('{"errors":["1 error occurred:\\n\\t* unsupported operation\\n\\n"]}\n');
  });

  it('serves help and rejects PATCH', async () => {
    const help = await requestVault(vault, { path: 'aws/sts/s3_access?help=1', token: vault.rootToken });
    const patch = await requestVault(vault, { method: 'PATCH', path: 'aws/sts/s3_access', token: vault.rootToken, body: {} });

    expect(help.status).toBe(200);
    expect(JSON.parse(help.body)).toEqual({ help: expect.stringContaining('Generate AWS credentials'), openapi: null, see_also: null });
    expect(patch.status).toBe(405);
  });

  it('answers 404 no handler for an unmounted path', async () => {
    const response = await requestVault(vault, { path: 'nothing/here', token: vault.rootToken });

    expect(response.status).toBe(404);
    expect(response.body).toBe('{"errors":["no handler for route \\"nothing/here\\". route entry not found."]}\n');
  });

  it('rejects ttl below 900 with the aws-sdk-go validation text', async () => {
    const response = await sts({ ttl: 600 });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["Error assuming role: InvalidParameter: 1 validation error(s) found.\\n- minimum field value of 900, AssumeRoleInput.DurationSeconds.\\n"]}\n');
  });

  it('counts an explicit ttl of 0 as supplied', async () => {
    const response = await sts({ ttl: 0 });

    expect(response.status).toBe(400);
    expect(response.body).toContain('minimum field value of 900');
  });

  it('rejects a ttl above the MaxSessionDuration', async () => {
    const response = await sts({ ttl: 7200 });

    expect(response.status).toBe(400);
    expect(json(response)['errors']).toEqual([expect.stringMatching(new RegExp(`^Error assuming role: ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role\\.\\n\\tstatus code: 400, request id: ${UUID}$`))]);
  });

  it('uses default_sts_ttl without ttl and caps at max_sts_ttl silently', async () => {
    const defaulted = await sts({}, 'long');
    const capped = await sts({ ttl: '10h' }, 'long');

    expect(dataOf(defaulted)['ttl']).toBe(1799);
    expect(capped.status).toBe(200);
    expect(dataOf(capped)['ttl']).toBe(14_399);
    expect(json(capped)['warnings']).toBeNull();
  });

  it('requires role_arn when the role has several', async () => {
    const response = await sts({}, 'multi');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["did not supply a role_arn parameter and unable to determine one"]}\n');
  });

  it('rejects a role_arn that is not listed', async () => {
    const response = await sts({ role_arn: 'arn:aws:iam::999999999999:role/x' }, 'multi');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["role_arn \\"arn:aws:iam::999999999999:role/x\\" not in allowed role arns for Vault role \\"multi\\""]}\n');
  });

  it('assumes the chosen role_arn with the given session name', async () => {
    const response = await sts({ role_arn: OTHER_ARN, role_session_name: 'dev user@acme' }, 'multi');

    expect(response.status).toBe(200);
    expect(dataOf(response)['arn']).toBe('arn:aws:sts::111122223333:assumed-role/other/dev_user@acme');
  });

  it('lets AWS reject a session name over 64 characters', async () => {
    const response = await sts({ role_session_name: 'a'.repeat(65) });

    expect(response.status).toBe(400);
    expect(json(response)['errors']).toEqual([expect.stringContaining("failed to satisfy constraint: Member must have length less than or equal to 64\n\tstatus code: 400, request id: ")]);
  });

  it('maps AWS AccessDenied to 400', async () => {
    const response = await sts({}, 'denied');

    expect(response.status).toBe(400);
    expect(json(response)['errors']).toEqual([expect.stringMatching(new RegExp(`^Error assuming role: AccessDenied: User: arn:aws:iam::123456789012:user/vault is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}\\n\\tstatus code: 403, request id: ${UUID}$`))]);
  });

  it('maps AWS throttling to 502', async () => {
    const response = await sts({}, 'throttled');

    expect(response.status).toBe(502);
    expect(json(response)['errors']).toEqual([expect.stringMatching(new RegExp(`^Error assuming role: Throttling: Rate exceeded\\n\\tstatus code: 400, request id: ${UUID}$`))]);
  });

  it('needs a policy for federation tokens', async () => {
    const response = await sts({}, 'fed');

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["must specify at least one of policy_arns or policy_document with federation_token credential_type"]}\n');
  });

  it('keeps legacy roles off the creds path', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/creds/legacy', token: vault.rootToken });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["attempted to retrieve assumed_role credentials through the creds path; this is not allowed for legacy roles"]}\n');
  });

  it('serves legacy roles on the sts path', async () => {
    const response = await sts({}, 'legacy');

    expect(response.status).toBe(200);
  });
});

describe('credentials limits on the mount and in AWS', () => {
  it('caps the lease at the mount maximum with a warning', async () => {
    await withEmulator('1.17.0', async (vault) => {
      vault.mountAwsEngine('aws', { maxLeaseTtlSeconds: 3600 });
      vault.addRole('aws', 'long', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], max_sts_ttl: '12h', maxSessionDuration: 43_200 });

      const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/long', token: vault.rootToken, body: { ttl: '12h' } });

      expect(response.status).toBe(200);
      expect(dataOf(response)['ttl']).toBe(43_199);
      expect(json(response)['lease_duration']).toBe(3600);
      expect(json(response)['warnings']).toEqual([expect.stringMatching(/^TTL of "11h59m59\.\d+s" exceeded the effective max_ttl of "1h0m0s"; TTL value is capped accordingly$/)]);
    });
  });

  it('applies the role chaining limit of one hour', async () => {
    await withEmulator('1.17.0', async (vault) => {
      vault.mountAwsEngine('aws', { roleChaining: true });
      vault.addRole('aws', 'long', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], maxSessionDuration: 43_200 });

      const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/long', token: vault.rootToken, body: { ttl: '2h' } });

      expect(response.status).toBe(400);
      expect(response.body).toContain('Error assuming role: ValidationError: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.\\n\\tstatus code: 400');
    });
  });

  it('rejects federation tokens above 36 hours', async () => {
    await withEmulator('1.17.0', async (vault) => {
      vault.addRole('aws', 'fed', { credential_type: 'federation_token', policy_document: '{"Version": "2012-10-17"}', max_sts_ttl: '48h' });

      const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/fed', token: vault.rootToken, body: { ttl: '40h' } });

      expect(response.status).toBe(400);
      expect(response.body).toContain("Error generating STS keys: ValidationError: 1 validation error detected: Value '144000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600");
    });
  });

  it('shortens data.ttl by the Vault clock skew', async () => {
    await withEmulator('1.17.0', async (vault) => {
      vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
      vault.state.clockSkewMs = 120_000;

      const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

      expect(dataOf(response)['ttl']).toBe(3479);
    });
  });
});

describe('ACL and tokens on credentials', () => {
  let vault: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator({ version: '1.17.0' });
    vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
    vault.addToken('read-only', { capabilities: { 'aws/sts/s3_access': ['read'] } });
    vault.addToken('update-only', { capabilities: { 'aws/sts/*': ['update'] } });
    vault.addToken('expired', { capabilities: { 'aws/*': ['read', 'update'] }, expired: true });
    vault.addToken('once', { capabilities: { 'aws/*': ['read', 'update'] }, numUses: 1 });
    vault.addPolicy('aws-sts', { 'aws/sts/+': ['update'], 'aws/sts/secret': ['deny'] });
    vault.addToken('by-policy', { policies: ['default', 'aws-sts'] });
  });

  afterAll(async () => {
    await vault.close();
  });

  it('needs read for GET and update for POST', async () => {
    const readGet = await requestVault(vault, { path: 'aws/sts/s3_access', token: 'read-only' });
    const readPost = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: 'read-only' });
    const updateGet = await requestVault(vault, { path: 'aws/sts/s3_access', token: 'update-only' });
    const updatePut = await requestVault(vault, { method: 'PUT', path: 'aws/sts/s3_access', token: 'update-only' });

    expect(readGet.status).toBe(200);
    expect(readPost.status).toBe(403);
    expect(readPost.body).toBe(ONE_ERROR_403);
    expect(updateGet.status).toBe(403);
    expect(updateGet.body).toBe(ONE_ERROR_403);
    expect(updatePut.status).toBe(200);
  });

  it('answers a missing token with the one-error 403', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access' });

    expect(response.status).toBe(403);
    expect(response.body).toBe(ONE_ERROR_403);
  });

  it('answers an unknown token with the two-error 403', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: 'hvs.unknown' });

    expect(response.status).toBe(403);
    expect(response.body).toBe(TWO_ERROR_403);
  });

  it('answers an expired token with the two-error 403', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: 'expired' });

    expect(response.status).toBe(403);
    expect(response.body).toBe(TWO_ERROR_403);
  });

  it('spends a use-limited token', async () => {
    const first = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: 'once' });
    const second = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: 'once' });

    expect(first.status).toBe(200);
    expect(second.status).toBe(403);
    expect(second.body).toBe(TWO_ERROR_403);
  });

  it('reads the token from a bearer Authorization header', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', headers: { Authorization: `Bearer ${vault.rootToken}` } });

    expect(response.status).toBe(200);
  });

  it('applies policy globs, segment wildcards and deny', async () => {
    const allowed = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: 'by-policy' });
    const denied = await requestVault(vault, { method: 'POST', path: 'aws/sts/secret', token: 'by-policy' });

    expect(allowed.status).toBe(200);
    expect(denied.status).toBe(403);
  });

  it('uses the one-error 403 for bad tokens before 1.17.0', async () => {
    await withEmulator('1.16.0', async (old) => {
      const response = await requestVault(old, { method: 'POST', path: 'aws/sts/x', token: 'hvs.unknown' });

      expect(response.status).toBe(403);
      expect(response.body).toBe(ONE_ERROR_403);
    });
  });
});

describe('roles', () => {
  let vault: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator({ version: '1.17.2' });
    vault.mountAwsEngine('aws');
  });

  afterAll(async () => {
    await vault.close();
  });

  it('lists nothing as 404 before any role exists', async () => {
    const response = await requestVault(vault, { method: 'LIST', path: 'aws/roles', token: vault.rootToken });

    expect(response.status).toBe(404);
    expect(response.body).toBe('{"errors":[]}\n');
  });

  it('writes, reads, lists and deletes a role', async () => {
    const written = await requestVault(vault, { method: 'POST', path: 'aws/roles/s3_access', token: vault.rootToken, body: { credential_type: 'assumed_role', role_arns: ROLE_ARN, max_sts_ttl: '12h' } });
    const read = await requestVault(vault, { path: 'aws/roles/s3_access', token: vault.rootToken });
    const listed = await requestVault(vault, { method: 'LIST', path: 'aws/roles', token: vault.rootToken });
    const listedByQuery = await requestVault(vault, { path: 'aws/roles?list=true', token: vault.rootToken });
    const deleted = await requestVault(vault, { method: 'DELETE', path: 'aws/roles/s3_access', token: vault.rootToken });
    const missing = await requestVault(vault, { path: 'aws/roles/s3_access', token: vault.rootToken });

    expect(written.status).toBe(204);
    expect(written.body).toBe('');
    expect(read.status).toBe(200);
    expect(dataOf(read)).toEqual({
      credential_type: 'assumed_role',
      default_sts_ttl: 0,
      external_id: '',
      iam_groups: null,
      iam_tags: null,
      max_sts_ttl: 43_200,
      mfa_serial_number: '',
      permissions_boundary_arn: '',
      policy_arns: null,
      policy_document: '',
      role_arns: [ROLE_ARN],
      session_tags: null,
      user_path: '',
    });
    expect(Object.keys(dataOf(read))).toEqual([...Object.keys(dataOf(read))].sort());
    expect(dataOf(listed)).toEqual({ keys: ['s3_access'] });
    expect(dataOf(listedByQuery)).toEqual({ keys: ['s3_access'] });
    expect(deleted.status).toBe(204);
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('{"errors":[]}\n');
  });

  it('rejects invalid role data with the quoted multierror', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/roles/bad', token: vault.rootToken, body: { credential_type: 'iam_user', role_arns: [ROLE_ARN] } });

    expect(response.status).toBe(400);
    expect(response.body).toBe('{"errors":["error(s) validating supplied role data: \\"1 error occurred:\\\\n\\\\t* cannot supply role_arns when credential_type isn\'t assumed_role\\\\n\\\\n\\""]}\n');
  });

  it('throws from addRole for invalid data and unknown fields', () => {
    expect(() => vault.addRole('aws', 'x', { credential_type: 'assumed_role', default_sts_ttl: 7200, max_sts_ttl: 3600 })).toThrow('\\"default_sts_ttl\\" value must be less than or equal to \\"max_sts_ttl\\" value');
    expect(() => vault.addRole('aws', 'bad-', { credential_type: 'assumed_role' })).toThrow('Invalid role name');
    expect(() => vault.addRole('aws', 'x', { credential_type: 'assumed_role', maxSessionDuration: 60 })).toThrow('Invalid maxSessionDuration 60');
  });

  it('rejects fields newer than the version in addRole', async () => {
    await withEmulator('1.15.0', async (old) => {
      expect(() => old.addRole('aws', 'x', { credential_type: 'assumed_role', session_tags: { team: 'a' } })).toThrow('Vault 1.15.0 has no such role parameter');
      expect(() => old.addRole('aws', 'y', { credential_type: 'session_token' })).toThrow('unrecognized credential type: session_token');
    });
  });

  it('escapes <, > and & in JSON output', async () => {
    vault.addRole('aws', 'escaped', { credential_type: 'assumed_role', role_arns: ['arn:aws:iam::1:role/a<b>&c'] });

    const response = await requestVault(vault, { path: 'aws/roles/escaped', token: vault.rootToken });

    expect(response.body).toContain('"role_arns":["arn:aws:iam::1:role/a\\u003cb\\u003e\\u0026c"]');
  });
});
