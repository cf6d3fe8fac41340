import { chmodSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { createSandbox } from '../helpers/sandbox';
import { startScriptedServer, STS_ANSWER } from '../vault/scriptedServer';
import { loginEntries, loginRequests, prepareVault, STS_POLICIES } from './loginFixtures';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  prepareVault(vault);
  vault.addUserpass('alice', 'correct horse', { policies: STS_POLICIES });
  vault.addLdapUser('bob', 'battery staple', { policies: STS_POLICIES });
});

afterAll(async () => {
  await vault.close();
});

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('userpass and ldap', () => {
  it('refuses to prompt inside credential-process and names the login command', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = userpass\nusername = alice\n');
    const logins = loginRequests(vault, 'userpass');

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3'], {}, { input: 'correct horse\n' });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('auth_method userpass needs a person to log in');
    expect(result.stderr).toContain('run "vault-aws login --profile b-s3"');
    expect(loginRequests(vault, 'userpass') - logins).toBe(0);
  });

  it('logs in with vault-aws login, then credential-process uses the cached token', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[vault]\nauth_method = userpass\nusername = alice\n\n[profile b-s3]\nvault_role = s3_access\n\n[profile ec2]\nvault_role = ec2_admin\n');
    const logins = loginRequests(vault, 'userpass');

    const login = await sandbox.run(['login', '--profile', 'b-s3'], {}, { input: 'correct horse\n' });
    const first = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const second = await sandbox.run(['credential-process', '--profile', 'ec2']);

    expect(login.code).toBe(0);
    expect(login.stdout).toBe('');
    expect(login.stderr).toContain('Password for alice (will be hidden): ');
    expect(login.stderr).toContain(`Logged in to Vault at ${vault.url} with userpass (auth/userpass)`);
    expect(login.stderr).toContain('for the profiles b-s3, ec2');
    expect(login.stderr).not.toContain('correct horse');
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(loginRequests(vault, 'userpass') - logins).toBe(1);
    expect(vault.requests.filter((request) => request.path === 'auth/userpass/login/alice').at(-1)?.body).toEqual({ password: 'correct horse' });
  });

  it('ldap login prompts for the user name', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = ldap\n');

    const login = await sandbox.run(['login', '--profile', 'b-s3'], {}, { input: 'bob\nbattery staple\n' });

    expect(login.stderr).toContain('Username for ldap at auth/ldap: ');
    expect(login.code).toBe(0);
    expect(vault.count({ path: 'auth/ldap/login/bob' })).toBe(1);
  });

  it('reports a wrong password', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = userpass\nusername = alice\n');

    const login = await sandbox.run(['login', '--profile', 'b-s3'], {}, { input: 'wrong\n' });

    expect(login.code).toBe(1);
    expect(login.stderr).toContain('HTTP 400: invalid username or password');
    expect(login.stderr).toContain('run "vault-aws login --profile b-s3" again');
    expect(loginEntries(sandbox.cacheDirectory)).toEqual([]);
  });

  it('asks for a token-method profile to use vault login', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    const login = await sandbox.run(['login', '--profile', 'b-s3']);

    expect(login.code).toBe(2);
    expect(login.stderr).toContain('uses auth_method token');
  });

  it('asks for a new login after Vault rejects the cached token', async () => {
    const sandbox = createSandbox({ url: vault.url });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nauth_method = userpass\nusername = alice\n');
    await sandbox.run(['login', '--profile', 'b-s3'], {}, { input: 'correct horse\n' });
    const [cached] = loginEntries(sandbox.cacheDirectory);
    writeFileSync(join(sandbox.cacheDirectory, cached?.name ?? ''), JSON.stringify({ ...cached?.entry, token: 'hvs.revokedrevokedrevoked' }));

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('run "vault-aws login --profile b-s3"');
    expect(loginEntries(sandbox.cacheDirectory)).toEqual([]);
  });
});

describe('oidc', () => {
  it('opens the browser, receives the callback on loopback and caches the token', async () => {
    const port = await freePort();
    const oidcToken = 'hvs.oidcTokenExampleValue0001';
    const vaultStandIn = await startScriptedServer((request) => {
      if (request.url === '/v1/auth/oidc/oidc/auth_url') {
        const body = JSON.parse(request.body) as { redirect_uri: string };
        return { status: 200, body: JSON.stringify({ data: { auth_url: `${body.redirect_uri}?state=st-1&code=co-1` } }) };
      }

      if (request.url.startsWith('/v1/auth/oidc/oidc/callback?')) {
        return { status: 200, body: JSON.stringify({ auth: { client_token: oidcToken, lease_duration: 3600, renewable: true } }) };
      }

      return request.headers['x-vault-token'] === oidcToken ? { status: 200, body: STS_ANSWER } : { status: 403, body: '{"errors":["permission denied"]}' };
    });
    try {
      const sandbox = createSandbox({ url: vaultStandIn.url });
      const browser = join(sandbox.home, 'browser');
      writeFileSync(browser, `#!/bin/sh\nexec "${process.execPath}" -e 'fetch(process.argv[1]).then((r) => r.text()).then((t) => require("fs").writeFileSync(process.env.HOME + "/page.txt", t))' "$1"\n`);
      chmodSync(browser, 0o755);
      sandbox.writeProfileMap(`[profile b-s3]\nvault_role = s3_access\nauth_method = oidc\nauth_role = dev\noidc_callback_port = ${port}\n`);

      const login = await sandbox.run(['login', '--profile', 'b-s3'], { BROWSER: browser });
      const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

      expect(login.stderr).toContain(`Launching browser to:\n\n    http://localhost:${port}/oidc/callback?state=st-1&code=co-1`);
      expect(login.code).toBe(0);
      const authUrlRequest = JSON.parse(vaultStandIn.seen[0]?.body ?? '{}') as Record<string, string>;
      expect(authUrlRequest['role']).toBe('dev');
      expect(authUrlRequest['redirect_uri']).toBe(`http://localhost:${port}/oidc/callback`);
      const callback = new URL(vaultStandIn.seen[1]?.url ?? '', 'http://localhost');
      expect(callback.searchParams.get('state')).toBe('st-1');
      expect(callback.searchParams.get('code')).toBe('co-1');
      expect(callback.searchParams.get('client_nonce')).toBe(authUrlRequest['client_nonce']);
      expect(result.code).toBe(0);
      expect(vaultStandIn.seen.at(-1)?.headers['x-vault-token']).toBe(oidcToken);
    } finally {
      await vaultStandIn.close();
    }
  });
});
