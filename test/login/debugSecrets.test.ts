import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { createSandbox } from '../helpers/sandbox';
import { loginEntries, prepareVault, STS_POLICIES, unsignedJwt, writeTemporaryFile } from './loginFixtures';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  prepareVault(vault);
});

afterAll(async () => {
  await vault.close();
});

/** Runs a full login and fetch with debug output on and returns stderr, stdout and the cached login token. */
async function runWithDebug(profileMap: string, env: Record<string, string> = {}, input?: string): Promise<{ stderr: string; stdout: string; loginToken: string }> {
  const sandbox = createSandbox({ url: vault.url });
  sandbox.writeProfileMap(profileMap);
  let stderr = '';
  if (input !== undefined) {
    const login = await sandbox.run(['login', '--profile', 'b-s3', '--debug'], env, { input });
    expect(login.code).toBe(0);
    stderr += login.stderr;
  }

  const result = await sandbox.run(['credential-process', '--profile', 'b-s3', '--debug'], { ...env, VAULT_AWS_DEBUG: '1' });
  expect(result.code).toBe(0);
  stderr += result.stderr;
  expect(stderr).toContain('vault-aws debug: login:');
  return { stderr, stdout: result.stdout, loginToken: String(loginEntries(sandbox.cacheDirectory)[0]?.entry['token']) };
}

function expectNoSecrets(stderr: string, secrets: string[]): void {
  for (const secret of secrets) {
    expect(stderr.includes(secret), `stderr contains ${secret.slice(0, 6)}…`).toBe(false);
  }
}

describe('debug output of a login and fetch', () => {
  it('contains no secret ID, wrapping token, login token or credentials for approle', async () => {
    const { roleId, secretId } = vault.addAppRole('debug', { policies: STS_POLICIES });
    const wrapped = vault.addAppRole('debug-wrapped', { policies: STS_POLICIES });
    const wrappingToken = vault.createWrappingToken({ secret_id: wrapped.secretId });

    const plain = await runWithDebug(`[profile b-s3]\nvault_role = s3_access\nauth_method = approle\nrole_id = ${roleId}\nsecret_id_file = ${writeTemporaryFile('secret-id', secretId)}\n`);
    const unwrapped = await runWithDebug(`[profile b-s3]\nvault_role = s3_access\nauth_method = approle\nrole_id = ${wrapped.roleId}\n`, { VAULT_SECRET_ID: wrappingToken });

    for (const run of [plain, unwrapped]) {
      const credentials = JSON.parse(run.stdout) as Record<string, string>;
      expectNoSecrets(run.stderr, [secretId, wrapped.secretId, wrappingToken, run.loginToken, credentials['SecretAccessKey'] ?? '', credentials['SessionToken'] ?? '', vault.rootToken]);
    }
  });

  it('contains no JWT', async () => {
    vault.addJwtRole('debug', { policies: STS_POLICIES });
    const jwt = unsignedJwt({ sub: 'debug-subject', exp: Math.floor(Date.now() / 1000) + 300 });

    const run = await runWithDebug(`[profile b-s3]\nvault_role = s3_access\nauth_method = jwt\nauth_role = debug\njwt_file = ${writeTemporaryFile('jwt', jwt)}\n`);

    expectNoSecrets(run.stderr, [jwt, jwt.split('.')[1] ?? '', run.loginToken]);
  });

  it('contains no AWS keys of the aws login', async () => {
    vault.configureAwsAuth({ callerArn: 'arn:aws:iam::083674922126:user/debug-user' });
    vault.addAwsAuthRole('debug-user', { policies: STS_POLICIES, boundIamPrincipalArns: ['arn:aws:iam::083674922126:user/debug-user'] });
    const env = { AWS_ACCESS_KEY_ID: 'AKIADEBUGEXAMPLE0001', AWS_SECRET_ACCESS_KEY: 'debugSecretKey0123456789abcdefGHIJKLMNOP', AWS_SESSION_TOKEN: 'debugSessionTokenValue' };

    const run = await runWithDebug('[profile b-s3]\nvault_role = s3_access\nauth_method = aws\n', env);

    expectNoSecrets(run.stderr, [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, run.loginToken]);
  });

  it('contains no password of a userpass login', async () => {
    vault.addUserpass('debug', 'debug password 123', { policies: STS_POLICIES });

    const run = await runWithDebug('[profile b-s3]\nvault_role = s3_access\nauth_method = userpass\nusername = debug\n', {}, 'debug password 123\n');

    expectNoSecrets(run.stderr, ['debug password 123', run.loginToken]);
  });
});
