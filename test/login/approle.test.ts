import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { createSandbox } from '../helpers/sandbox';
import { loginEntries, loginRequests, prepareVault, STS_POLICIES, stsRequests, writeTemporaryFile } from './loginFixtures';

let vault: VaultEmulator;
let roleId: string;
let secretId: string;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  prepareVault(vault);
  ({ roleId, secretId } = vault.addAppRole('ci', { policies: STS_POLICIES, tokenTtlSeconds: 1200 }));
});

afterAll(async () => {
  await vault.close();
});

function profileMap(secretIdFile: string, extra = ''): string {
  return `[vault]\nauth_method = approle\nrole_id = ${roleId}\nsecret_id_file = ${secretIdFile}\n${extra}\n[profile b-s3]\nvault_role = s3_access\n\n[profile ec2]\nvault_role = ec2_admin\n`;
}

describe('approle login', () => {
  it('logs in with role_id and secret_id_file and caches the token 0600', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap(writeTemporaryFile('secret-id', `${secretId}\n`)));
    const logins = loginRequests(vault, 'approle');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccountId: '083674922126' });
    expect(loginRequests(vault, 'approle') - logins).toBe(1);
    const login = vault.requests.filter((request) => request.path === 'auth/approle/login').at(-1);
    expect(login?.body).toEqual({ role_id: roleId, secret_id: secretId });
    expect(login?.hasToken).toBe(false);
    const entries = loginEntries(sandbox.cacheDirectory);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.entry['leaseSeconds']).toBe(1200);
    expect(statSync(join(sandbox.cacheDirectory, entries[0]?.name ?? '')).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(entries[0]?.entry)).not.toContain(secretId);
  });

  it('reuses one login token across profiles with the same settings', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap(writeTemporaryFile('secret-id', secretId)));
    const logins = loginRequests(vault, 'approle');
    const sts = stsRequests(vault);

    const first = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const second = await sandbox.run(['credential-process', '--profile', 'ec2']);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(loginRequests(vault, 'approle') - logins).toBe(1);
    expect(stsRequests(vault) - sts).toBe(2);
  });

  it('logs in once for parallel runs of several profiles', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap(writeTemporaryFile('secret-id', secretId)));
    const logins = loginRequests(vault, 'approle');

    const results = await Promise.all(['b-s3', 'ec2', 'b-s3', 'ec2'].map((profile) => sandbox.run(['credential-process', '--profile', profile])));

    expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0]);
    expect(loginRequests(vault, 'approle') - logins).toBe(1);
  });

  it('drops a rejected cached token and logs in again once', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap(writeTemporaryFile('secret-id', secretId)));
    await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const [cached] = loginEntries(sandbox.cacheDirectory);
    writeFileSync(join(sandbox.cacheDirectory, cached?.name ?? ''), JSON.stringify({ ...cached?.entry, token: 'hvs.revokedrevokedrevoked' }));
    const logins = loginRequests(vault, 'approle');
    const sts = stsRequests(vault);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3', '--force-refresh']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(loginRequests(vault, 'approle') - logins).toBe(1);
    expect(stsRequests(vault) - sts).toBe(2);
    expect(loginEntries(sandbox.cacheDirectory)[0]?.entry['token']).not.toBe('hvs.revokedrevokedrevoked');
  });

  it('discards a cached token that other users can read', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap(writeTemporaryFile('secret-id', secretId)));
    await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const [cached] = loginEntries(sandbox.cacheDirectory);
    chmodSync(join(sandbox.cacheDirectory, cached?.name ?? ''), 0o644);
    const logins = loginRequests(vault, 'approle');

    const result = await sandbox.run(['credential-process', '--profile', 'ec2']);

    expect(result.code).toBe(0);
    expect(loginRequests(vault, 'approle') - logins).toBe(1);
    expect(loginEntries(sandbox.cacheDirectory)[0]?.entry['token']).not.toBe(cached?.entry['token']);
    expect(statSync(join(sandbox.cacheDirectory, cached?.name ?? '')).mode & 0o777).toBe(0o600);
  });

  it('does not log in again when a fresh login token is denied', async () => {
    const { roleId: deniedRoleId, secretId: deniedSecretId } = vault.addAppRole('no-sts', { policies: ['default'] });
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = approle\nrole_id = ${deniedRoleId}\n`);
    const logins = loginRequests(vault, 'approle');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_SECRET_ID: deniedSecretId });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 403: permission denied');
    expect(result.stderr).toContain('the approle login at auth/approle');
    expect(loginRequests(vault, 'approle') - logins).toBe(1);
  });

  it('reads VAULT_ROLE_ID and VAULT_SECRET_ID', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = approle\n');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_ROLE_ID: roleId, VAULT_SECRET_ID: secretId });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('uses the auth mount from auth_mount', async () => {
    const custom = vault.addAppRole('deploy', { mount: 'ci/approle', policies: STS_POLICIES });
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = approle\nauth_mount = ci/approle\nrole_id = ${custom.roleId}\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_SECRET_ID: custom.secretId });

    expect(result.code).toBe(0);
    expect(vault.count({ path: 'auth/ci/approle/login' })).toBe(1);
  });

  it('reports a wrong secret ID with its Vault error and never prints it', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap(writeTemporaryFile('secret-id', '6d1e6c5b-0000-4000-8000-000000000000')));

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('POST auth/approle/login');
    expect(result.stderr).toContain('HTTP 400: invalid role or secret ID');
    expect(result.stderr).toContain('check role_id');
    expect(result.stderr).not.toContain('6d1e6c5b-0000-4000-8000-000000000000');
  });

  it('names the missing role ID', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = approle\n');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('auth_method approle needs a role ID; set role_id in the profile map or VAULT_ROLE_ID');
  });

  it('reports an unreadable secret_id_file', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(profileMap('/nonexistent/secret-id'));

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read the secret_id_file /nonexistent/secret-id: ENOENT');
  });

  it('unwraps a response-wrapped secret ID once', async () => {
    const wrapped = vault.addAppRole('wrapped', { policies: STS_POLICIES });
    const wrappingToken = vault.createWrappingToken({ secret_id: wrapped.secretId, secret_id_accessor: 'accessor' }, { creationPath: 'auth/approle/role/wrapped/secret-id' });
    const file = writeTemporaryFile('wrapped-secret-id', wrappingToken);
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = approle\nrole_id = ${wrapped.roleId}\nsecret_id_file = ${file}\n`);

    const first = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const login = vault.requests.filter((request) => request.path === 'auth/approle/login').at(-1);
    const otherCache = await sandbox.run(['credential-process', '--profile', 'b-s3'], { VAULT_AWS_CACHE_DIR: join(sandbox.home, 'other-cache') });

    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(login?.body).toEqual({ role_id: wrapped.roleId, secret_id: wrapped.secretId });
    expect(otherCache.code).toBe(1);
    expect(otherCache.stderr).toContain(`the response-wrapped secret ID from ${file} was already unwrapped or has expired`);
  });
});
