import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { createSandbox } from '../helpers/sandbox';
import { startImdsStandIn } from './imdsStandIn';
import { loginRequests, prepareVault, STS_POLICIES, unsignedJwt, writeTemporaryFile } from './loginFixtures';

const CALLER_ARN = 'arn:aws:sts::083674922126:assumed-role/web-server/i-0abc';
const SERVER_ID = 'vault.example.com';
const ENV_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE000001', AWS_SECRET_ACCESS_KEY: 'envSecretKeyExample0123456789abcdefGHIJ' };

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  prepareVault(vault);
  vault.addJwtRole('ci', { policies: STS_POLICIES, boundAudiences: ['https://vault.example.com'], boundClaims: { project_path: 'team/app' } });
  vault.addKubernetesRole('app', { policies: STS_POLICIES, serviceAccountNames: ['app'], namespaces: ['prod'] });
  vault.configureAwsAuth({ iamServerIdHeaderValue: SERVER_ID, callerArn: CALLER_ARN });
  vault.addAwsAuthRole('web-server', { policies: STS_POLICIES, boundIamPrincipalArns: ['arn:aws:iam::083674922126:role/web-server'] });
});

afterAll(async () => {
  await vault.close();
});

function ciJwt(claims: Record<string, unknown> = {}): string {
  return unsignedJwt({ sub: 'project_path:team/app:ref:main', aud: 'https://vault.example.com', project_path: 'team/app', exp: Math.floor(Date.now() / 1000) + 300, ...claims });
}

function kubernetesJwt(namespace: string): string {
  return unsignedJwt({ iss: 'https://kubernetes.default.svc', 'kubernetes.io': { namespace, serviceaccount: { name: 'app', uid: 'u-1' } }, sub: `system:serviceaccount:${namespace}:app` });
}

describe('jwt login', () => {
  it('logs in with auth_role and the JWT from jwt_file', async () => {
    const jwt = ciJwt();
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = jwt\nauth_role = ci\njwt_file = ${writeTemporaryFile('id-token', `${jwt}\n`)}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(vault.requests.filter((request) => request.path === 'auth/jwt/login').at(-1)?.body).toEqual({ role: 'ci', jwt });
  });

  it('reports an expired JWT with the next step', async () => {
    const sandbox = createSandbox({ url: vault.url });
    const file = writeTemporaryFile('id-token', ciJwt({ exp: Math.floor(Date.now() / 1000) - 60 }));
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = jwt\nauth_role = ci\njwt_file = ${file}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 400: error validating token: invalid expiration time (exp) claim: token is expired');
    expect(result.stderr).toContain(`The JWT in ${file} is expired or not yet valid`);
  });

  it('reports an unknown role', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = jwt\nauth_role = nope\njwt_file = ${writeTemporaryFile('id-token', ciJwt())}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 400: role "nope" could not be found');
    expect(result.stderr).toContain('Set auth_role');
  });

  it('names the missing jwt_file', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = jwt\nauth_role = ci\n');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('auth_method jwt needs jwt_file');
  });
});

describe('kubernetes login', () => {
  it('logs in with the service account token', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[vault]\nauth_method = kubernetes\nauth_role = app\njwt_file = ${writeTemporaryFile('token', kubernetesJwt('prod'))}\n\n[profile b-s3]\nvault_role = s3_access\n`);
    const logins = loginRequests(vault, 'kubernetes');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(loginRequests(vault, 'kubernetes') - logins).toBe(1);
  });

  it('reports a namespace the role does not allow', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = kubernetes\nauth_role = app\njwt_file = ${writeTemporaryFile('token', kubernetesJwt('dev'))}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 403: namespace not authorized');
    expect(result.stderr).toContain('does not allow this identity');
  });

  it('requires auth_role', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = kubernetes\njwt_file = ${writeTemporaryFile('token', kubernetesJwt('prod'))}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('auth_method kubernetes needs auth_role');
  });
});

describe('aws login', () => {
  const profileMap = `[profile b-s3]\nvault_role = s3_access\nauth_method = aws\nauth_role = web-server\niam_server_id_header_value = ${SERVER_ID}\n`;

  it('signs GetCallerIdentity with the credentials from the environment', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { ...ENV_CREDENTIALS, AWS_PROFILE: 'points-back-at-vault-aws' });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const body = vault.requests.filter((request) => request.path === 'auth/aws/login').at(-1)?.body as Record<string, string>;
    expect(body['role']).toBe('web-server');
    const headers = JSON.parse(Buffer.from(body['iam_request_headers'] ?? '', 'base64').toString('utf8')) as Record<string, string[]>;
    expect(headers['Authorization']?.[0]).toContain(`Credential=${ENV_CREDENTIALS.AWS_ACCESS_KEY_ID}/`);
    expect(headers['X-Vault-AWS-IAM-Server-ID']).toEqual([SERVER_ID]);
  });

  it('fails when the mount requires the server ID header and none is set', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = aws\nauth_role = web-server\n');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], ENV_CREDENTIALS);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing header "X-Vault-AWS-IAM-Server-ID"');
    expect(result.stderr).toContain('set iam_server_id_header_value');
  });

  it('reads the instance role from instance metadata with IMDSv2', async () => {
    const imds = await startImdsStandIn();
    try {
      const sandbox = createSandbox({ url: vault.url });
      sandbox.writeProfileMap(profileMap);

      const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(imds.seen.map((seen) => `${seen.method} ${seen.path}`)).toEqual([
        'PUT /latest/api/token',
        'GET /latest/meta-data/iam/security-credentials/',
        'GET /latest/meta-data/iam/security-credentials/web-server',
      ]);
      const body = vault.requests.filter((request) => request.path === 'auth/aws/login').at(-1)?.body as Record<string, string>;
      const headers = JSON.parse(Buffer.from(body['iam_request_headers'] ?? '', 'base64').toString('utf8')) as Record<string, string[]>;
      expect(headers['X-Amz-Security-Token']).toEqual(['instance-session-token']);
    } finally {
      await imds.close();
    }
  });

  it('says where it looked when the machine has no AWS credentials', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no AWS credentials found for the aws login');
    expect(result.stderr).toContain('instance metadata (AWS_EC2_METADATA_DISABLED is set)');
  });
});
