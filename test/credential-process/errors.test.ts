import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VaultEmulator } from '../emulator';
import { SCENARIO_ROLE_ARN, startScenarioVault } from '../helpers/startScenarioVault';
import { createSandbox, type RunResult } from '../helpers/sandbox';

const ROLE_ARN = SCENARIO_ROLE_ARN;
const PROFILE = '[profile b-s3]\nvault_role = s3_access\n';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startScenarioVault();
  vault.addRole('aws', 'multi', { credential_type: 'assumed_role', role_arns: [ROLE_ARN, 'arn:aws:iam::111122223333:role/other'] });
});

afterAll(async () => {
  await vault.close();
});

/** Returns an http:// address on 127.0.0.1 where nothing listens. */
async function closedAddress(): Promise<string> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** Every failure: the given exit code, nothing on stdout, one line on stderr that names the profile. */
function expectFailure(result: RunResult, code: number, ...fragments: string[]): void {
  expect(result.stdout).toBe('');
  expect(result.code).toBe(code);
  expect(result.stderr.startsWith('vault-aws: ')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const fragment of fragments) {
    expect(result.stderr).toContain(fragment);
  }
}

async function runWith(profileMap: string | undefined, env: Record<string, string | undefined> = {}, profile = 'b-s3'): Promise<RunResult> {
  const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
  if (profileMap !== undefined) {
    sandbox.writeProfileMap(profileMap);
  }

  return sandbox.run(['credential-process', '--profile', profile], env);
}

describe('credential-process configuration errors', () => {
  it('exits 2 without a profile map', async () => {
    expectFailure(await runWith(undefined), 2, 'profiles.ini does not exist', 'vault-aws configure');
  });

  it('exits 2 for a profile missing from the map', async () => {
    expectFailure(await runWith(PROFILE, {}, 'nope'), 2, 'profile "nope" is not in the profile map', 'it has: b-s3');
  });

  it('exits 2 for an invalid ttl', async () => {
    expectFailure(await runWith(`${PROFILE}ttl = forever\n`), 2, 'ttl in [profile b-s3]', '"forever"');
  });

  it('exits 2 for an unparsable VAULT_SKIP_VERIFY', async () => {
    expectFailure(await runWith(PROFILE, { VAULT_SKIP_VERIFY: 'yes' }), 2, 'VAULT_SKIP_VERIFY');
  });

  it.each([
    ['VAULT_SKIP_VERIFY', 'maybe'],
    ['VAULT_CLIENT_TIMEOUT', 'soon'],
    ['VAULT_MAX_RETRIES', 'lots'],
    ['BAO_DISABLE_REDIRECTS', 'perhaps'],
  ])('exits 2 for %s=%s on a cache hit', async (variable, value) => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap(PROFILE);
    const warm = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    expect(warm.code).toBe(0);

    expectFailure(await sandbox.run(['credential-process', '--profile', 'b-s3'], { [variable]: value }), 2, `${variable}="${value}"`);
  });

  it('exits 2 for an unparsable VAULT_CLIENT_TIMEOUT', async () => {
    expectFailure(await runWith(PROFILE, { VAULT_CLIENT_TIMEOUT: 'soon' }), 2, 'VAULT_CLIENT_TIMEOUT');
  });

  it('exits 2 for a missing --profile', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    const result = await sandbox.run(['credential-process']);

    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('profile');
  });
});

describe('credential-process Vault errors', () => {
  it('mentions a misspelt address key when Vault cannot be reached', async () => {
    const result = await runWith(`${PROFILE}vault_adress = ${vault.url}\n`, { VAULT_ADDR: 'http://127.0.0.1:1', VAULT_MAX_RETRIES: '0' });

    expectFailure(result, 1, 'ECONNREFUSED', 'also has warnings: line 3: setting "vault_adress" is not a [profile NAME] setting and is ignored; did you mean "vault_addr"?');
  });

  it('says where it looked when there is no token', async () => {
    expectFailure(await runWith(PROFILE, { VAULT_TOKEN: undefined }), 1, 'no Vault token found', 'VAULT_TOKEN', '.vault-token', 'vault login');
  });

  it('reads the token from ~/.vault-token, trimmed', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(PROFILE);
    writeFileSync(join(sandbox.home, '.vault-token'), `  ${vault.rootToken}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('runs the token helper named in ~/.vault', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(PROFILE);
    const helper = join(sandbox.home, 'token-helper.sh');
    writeFileSync(helper, `#!/bin/sh\n[ "$1" = get ] && printf '%s\\n' '${vault.rootToken}'\n`);
    chmodSync(helper, 0o755);
    writeFileSync(join(sandbox.home, '.vault'), `token_helper = "${helper}"\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('tells an ACL denial apart from an invalid token', async () => {
    vault.addToken('denied-token', { policies: ['default'], capabilities: { 'aws/sts/s3_access': ['read'] } });

    const denied = await runWith(PROFILE, { VAULT_TOKEN: 'denied-token' });
    const invalid = await runWith(PROFILE, { VAULT_TOKEN: 'hvs.not-a-real-token' });

    expectFailure(denied, 1, 'HTTP 403', 'permission denied', '"update" capability on aws/sts/s3_access');
    expectFailure(invalid, 1, 'HTTP 403', 'invalid or expired', 'vault login');
    expect(denied.stderr).not.toContain('denied-token');
    expect(invalid.stderr).not.toContain('not-a-real-token');
  });

  it('names a missing role', async () => {
    expectFailure(await runWith('[profile b-s3]\nvault_role = nope\n'), 1, 'HTTP 400', 'Role "nope" not found', 'vault list aws/roles');
  });

  it('asks for role_arn when the role has several', async () => {
    expectFailure(await runWith('[profile b-s3]\nvault_role = multi\n'), 1, 'did not supply a role_arn parameter', 'set role_arn');
  });

  it('reports a sealed Vault', async () => {
    vault.state.sealed = true;
    try {
      expectFailure(await runWith(PROFILE, { VAULT_MAX_RETRIES: '0' }), 1, 'HTTP 503', 'Vault is sealed');
    } finally {
      vault.state.sealed = false;
    }
  });

  it('reports an HTML error page from a proxy', async () => {
    vault.setFaults({ htmlStatus: 502 });
    try {
      expectFailure(await runWith(PROFILE, { VAULT_MAX_RETRIES: '0' }), 1, 'HTTP 502', 'HTML page', 'proxy');
    } finally {
      vault.clearFaults();
    }
  });

  it('gives up on a hanging Vault at the timeout', async () => {
    vault.setFaults({ hang: true });
    try {
      const started = Date.now();
      const result = await runWith(PROFILE, { VAULT_CLIENT_TIMEOUT: '1s' });

      expectFailure(result, 1, 'timed out after 1 s without a complete response (VAULT_CLIENT_TIMEOUT)');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      vault.clearFaults();
    }
  });

  it('reports a dropped connection', async () => {
    vault.setFaults({ dropConnection: true });
    try {
      expectFailure(await runWith(PROFILE, { VAULT_MAX_RETRIES: '0' }), 1, 'cannot reach Vault');
    } finally {
      vault.clearFaults();
    }
  });

  it('reports a refused connection', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    expectFailure(await runWith(PROFILE, { VAULT_ADDR: `http://127.0.0.1:${port}`, VAULT_MAX_RETRIES: '0' }), 1, 'ECONNREFUSED', 'The address came from VAULT_ADDR;');
  });

  it('names BAO_ADDR as the address source', async () => {
    const result = await runWith(PROFILE, { VAULT_ADDR: undefined, BAO_ADDR: await closedAddress(), VAULT_MAX_RETRIES: '0' });

    expectFailure(result, 1, 'ECONNREFUSED', 'The address came from BAO_ADDR; correct it there if Vault runs elsewhere');
    expect(result.stderr).not.toContain('VAULT_ADDR');
  });

  it('names the profile map key as the address source', async () => {
    const address = await closedAddress();

    const result = await runWith(`${PROFILE}vault_addr = ${address}\n`, { VAULT_MAX_RETRIES: '0' });

    expectFailure(result, 1, 'ECONNREFUSED', 'The address came from vault_addr in [profile b-s3] of');
  });

  it('says the default address was used', async () => {
    const result = await runWith(PROFILE, { VAULT_ADDR: undefined, VAULT_MAX_RETRIES: '0' });

    expectFailure(result, 1, 'at https://127.0.0.1:8200 failed', 'VAULT_ADDR is unset, so vault-aws used the default address https://127.0.0.1:8200; set VAULT_ADDR');
  });

  it('rejects an unsupported address scheme', async () => {
    const result = await runWith(PROFILE, { VAULT_ADDR: 'ftp://vault.example' });

    expectFailure(result, 2, 'Vault address "ftp://vault.example" from VAULT_ADDR has the scheme "ftp", which is not supported (only http, https and unix are)');
  });

  it('ends each sentence with one period', async () => {
    const result = await runWith('[profile b-s3]\nvault_role = s3_access\nvault_mount = nowhere\n', { VAULT_MAX_RETRIES: '0' });

    expectFailure(result, 1, 'no handler for route', 'No AWS secrets engine serves nowhere/sts/s3_access');
    expect(result.stderr).not.toContain('..');
  });

  it('still prints credentials when the cache directory cannot be created', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap(PROFILE);
    // A regular file as the parent makes mkdir fail with ENOTDIR, even for root.
    const notADirectory = join(sandbox.home, 'not-a-directory');
    writeFileSync(notADirectory, '');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_AWS_CACHE_DIR: join(notADirectory, 'cache') });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1 });
  });
});
