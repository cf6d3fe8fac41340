import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { createSandbox, type RunResult, type Sandbox } from '../helpers/sandbox';

const FIRST_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';
const SECOND_ARN = 'arn:aws:iam::111122223333:role/other';
const NO_READ_TOKEN = 'hvs.configureNoReadTokenNeverPrinted';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [FIRST_ARN] });
  vault.addRole('aws', 'multi', { credential_type: 'assumed_role', role_arns: [FIRST_ARN, SECOND_ARN] });
  vault.addRole('aws', 'federated', { credential_type: 'federation_token', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
  vault.addToken(NO_READ_TOKEN, { policies: ['default'], capabilities: { 'aws/sts/*': ['update'] } });
});

afterEach(() => {
  vault.clearFaults();
});

afterAll(async () => {
  await vault.close();
});

/** Runs configure without a terminal (stdin is a pipe) in a fresh HOME. */
async function runConfigure(args: string[], env: Record<string, string | undefined> = {}, token: string | null = vault.rootToken): Promise<{ result: RunResult; sandbox: Sandbox }> {
  const sandbox = createSandbox(token === null ? { url: vault.url } : { url: vault.url, token });
  const result = await sandbox.run(['configure', ...args], env, { input: '' });
  return { result, sandbox };
}

function warningLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('vault-aws: warning:'));
}

/** Returns a loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('configure without a terminal, Vault reachable', () => {
  it('rejects a multi-ARN role without --role-arn', async () => {
    const { result, sandbox } = await runConfigure(['--profile', 'm', '--vault-role', 'multi']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(FIRST_ARN);
    expect(result.stderr).toContain(SECOND_ARN);
    expect(result.stderr).toContain('Pass --role-arn');
    expect(existsSync(sandbox.profileMapPath)).toBe(false);
    expect(existsSync(sandbox.awsConfigPath)).toBe(false);
  });

  it('rejects an ARN the role does not allow', async () => {
    const { result, sandbox } = await runConfigure(['--profile', 'm', '--vault-role', 'multi', '--role-arn', 'arn:aws:iam::999999999999:role/x']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid role_arn "arn:aws:iam::999999999999:role/x" from --role-arn');
    expect(result.stderr).toContain(`${FIRST_ARN}, ${SECOND_ARN}`);
    expect(existsSync(sandbox.profileMapPath)).toBe(false);
  });

  it('rejects a role Vault does not have', async () => {
    const { result, sandbox } = await runConfigure(['--profile', 'm', '--vault-role', 'nosuchrole']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid --vault-role "nosuchrole"');
    expect(result.stderr).toContain('aws/');
    expect(result.stderr).toContain('federated, multi, s3_access');
    expect(existsSync(sandbox.profileMapPath)).toBe(false);
  });

  it('rejects a mount without an engine', async () => {
    const { result } = await runConfigure(['--profile', 'm', '--vault-role', 'multi', '--vault-mount', 'nomount']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid --vault-mount "nomount"');
    expect(result.stderr).toContain('vault secrets list');
  });

  it('checks the role from the profile map', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile m]\nvault_role = multi\n');

    const result = await sandbox.run(['configure', '--profile', 'm', '--region', 'eu-west-1'], {}, { input: '' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing --role-arn');
  });

  it('names the profile map as the source of a stale ARN', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile m]\nvault_role = multi\nrole_arn = arn:aws:iam::999999999999:role/zzz\n');

    const result = await sandbox.run(['configure', '--profile', 'm', '--vault-role', 's3_access'], {}, { input: '' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`from role_arn in [profile m] of ${sandbox.profileMapPath}`);
    expect(result.stderr).toContain(`Pass --role-arn ${FIRST_ARN}, or --role-arn "" to leave role_arn out`);
  });

  it('says that a mount has no roles yet', async () => {
    vault.mountAwsEngine('empty');

    const { result } = await runConfigure(['--profile', 'm', '--vault-role', 'x', '--vault-mount', 'empty']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the mount empty/ has no roles yet');
  });

  it('checks under --dry-run too', async () => {
    const { result } = await runConfigure(['--profile', 'm', '--vault-role', 'multi', '--dry-run']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Missing --role-arn');
  });

  it('writes an allowed ARN without a warning', async () => {
    const { result, sandbox } = await runConfigure(['--profile', 'm', '--vault-role', 'multi', '--role-arn', SECOND_ARN]);

    expect(result.code).toBe(0);
    expect(warningLines(result.stderr)).toEqual([]);
    expect(readFileSync(sandbox.profileMapPath, 'utf8')).toBe(`[profile m]\nvault_role = multi\nrole_arn = ${SECOND_ARN}\n`);
  });

  it('writes a single-ARN role without --role-arn', async () => {
    const { result } = await runConfigure(['--profile', 'b-s3', '--vault-role', 's3_access']);

    expect(result.code).toBe(0);
    expect(warningLines(result.stderr)).toEqual([]);
  });

  it('accepts any ARN for a role without role_arns', async () => {
    const { result } = await runConfigure(['--profile', 'f', '--vault-role', 'federated', '--role-arn', FIRST_ARN]);

    expect(result.code).toBe(0);
  });

  it('makes one request for an existing role', async () => {
    vault.resetRequests();

    await runConfigure(['--profile', 'm', '--vault-role', 'multi', '--role-arn', SECOND_ARN]);

    expect(vault.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET aws/roles/multi']);
  });
});

describe('configure without a terminal, role not checkable', () => {
  it('writes with a warning without a token', async () => {
    const { result, sandbox } = await runConfigure(['--profile', 'm', '--vault-role', 'multi'], {}, null);

    expect(result.code).toBe(0);
    const warnings = warningLines(result.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the Vault role aws/roles/multi could not be checked');
    expect(warnings[0]).toContain('no Vault token found');
    expect(existsSync(sandbox.profileMapPath)).toBe(true);
  });

  it('writes with a warning when the token may not read the role', async () => {
    const { result } = await runConfigure(['--profile', 'm', '--vault-role', 'multi'], {}, NO_READ_TOKEN);

    expect(result.code).toBe(0);
    const warnings = warningLines(result.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('permission denied');
    expect(result.stderr).not.toContain(NO_READ_TOKEN);
  });

  it('writes with a warning when Vault is unreachable', async () => {
    const port = await closedPort();

    const { result, sandbox } = await runConfigure(['--profile', 'm', '--vault-role', 'multi'], { VAULT_ADDR: `http://127.0.0.1:${port}` });

    expect(result.code).toBe(0);
    const warnings = warningLines(result.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`127.0.0.1:${port}`);
    expect(existsSync(sandbox.awsConfigPath)).toBe(true);
  });

  it('gives up on a hanging Vault within seconds', async () => {
    vault.setFaults({ hang: true });
    const started = Date.now();

    const { result } = await runConfigure(['--profile', 'm', '--vault-role', 'multi'], { VAULT_CLIENT_TIMEOUT: '60', VAULT_MAX_RETRIES: '0' });

    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(warningLines(result.stderr)).toHaveLength(1);
  });
});
