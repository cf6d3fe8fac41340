import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors';
import { parseProfileMap } from '../../src/profiles/readProfileMap';
import { resolveProfile } from '../../src/profiles/resolveProfile';
import { findToken, NoTokenError } from '../../src/vault/findToken';
import { readClientOptions } from '../../src/vault/readClientOptions';

const TARGET = { address: 'https://vault.example:8200', namespace: undefined };

function options(env: Record<string, string>) {
  return readClientOptions(env, TARGET);
}

describe('client variables', () => {
  it('uses the Vault client defaults', () => {
    const read = options({});

    expect(read.timeoutMs).toBe(60_000);
    expect(read.maxRetries).toBe(2);
    expect(read.followRedirects).toBe(true);
    expect(read.tls).toEqual({ rejectUnauthorized: true });
    expect(read.proxy).toEqual({ kind: 'standard', https: undefined, http: undefined, noProxy: [] });
  });

  it('parses VAULT_CLIENT_TIMEOUT as seconds or a duration', () => {
    expect(options({ VAULT_CLIENT_TIMEOUT: '60' }).timeoutMs).toBe(60_000);
    expect(options({ VAULT_CLIENT_TIMEOUT: '60s' }).timeoutMs).toBe(60_000);
    expect(options({ VAULT_CLIENT_TIMEOUT: '2m' }).timeoutMs).toBe(120_000);
    expect(options({ VAULT_CLIENT_TIMEOUT: '1m30s' }).timeoutMs).toBe(90_000);
    expect(options({ VAULT_CLIENT_TIMEOUT: '' }).timeoutMs).toBe(60_000);
  });

  it('rejects bad values with the variable name', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ VAULT_CLIENT_TIMEOUT: 'soon' }, 'could not parse VAULT_CLIENT_TIMEOUT="soon"'],
      [{ VAULT_CLIENT_TIMEOUT: '-5' }, 'could not parse VAULT_CLIENT_TIMEOUT="-5"'],
      [{ VAULT_MAX_RETRIES: 'three' }, 'could not parse VAULT_MAX_RETRIES="three"'],
      [{ VAULT_MAX_RETRIES: '-1' }, 'could not parse VAULT_MAX_RETRIES="-1"'],
      [{ VAULT_SKIP_VERIFY: 'yes' }, 'could not parse VAULT_SKIP_VERIFY="yes"'],
      [{ VAULT_SKIP_VERIFY: 'TRUE ' }, 'could not parse VAULT_SKIP_VERIFY="TRUE "'],
      [{ VAULT_DISABLE_REDIRECTS: 'on' }, 'could not parse VAULT_DISABLE_REDIRECTS="on"'],
      [{ BAO_SKIP_VERIFY: 'nope' }, 'could not parse BAO_SKIP_VERIFY="nope"'],
      [{ VAULT_CACERT: '/nonexistent/ca.pem' }, 'cannot read /nonexistent/ca.pem named by VAULT_CACERT: ENOENT; check the path'],
      [{ VAULT_CACERT: 'nonexistent-ca.pem' }, `ENOENT; the path is relative to the current directory ${process.cwd()}`],
      [{ VAULT_CACERT_BYTES: 'not pem' }, 'VAULT_CACERT_BYTES contains no PEM certificate'],
      [{ VAULT_CAPATH: '/nonexistent' }, 'cannot read the directory /nonexistent named by VAULT_CAPATH'],
      [{ VAULT_CLIENT_KEY: '/k.pem' }, 'both client cert and client key must be provided: VAULT_CLIENT_KEY is set but VAULT_CLIENT_CERT is not'],
      [{ VAULT_PROXY_ADDR: 'socks5://proxy:1080' }, 'VAULT_PROXY_ADDR uses the socks5 scheme'],
    ];
    for (const [env, message] of cases) {
      expect(() => options(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => options(env), JSON.stringify(env)).toThrow(message);
    }
  });

  it('parses VAULT_SKIP_VERIFY with every Go ParseBool spelling', () => {
    for (const value of ['1', 't', 'T', 'TRUE', 'true', 'True']) {
      expect(options({ VAULT_SKIP_VERIFY: value }).tls.rejectUnauthorized, value).toBe(false);
    }

    for (const value of ['0', 'f', 'F', 'FALSE', 'false', 'False', '']) {
      expect(options({ VAULT_SKIP_VERIFY: value }).tls.rejectUnauthorized, value).toBe(true);
    }
  });

  it('reads VAULT_MAX_RETRIES, VAULT_DISABLE_REDIRECTS and VAULT_TLS_SERVER_NAME', () => {
    const read = options({ VAULT_MAX_RETRIES: '0', VAULT_DISABLE_REDIRECTS: '1', VAULT_TLS_SERVER_NAME: 'vault.internal' });

    expect(read.maxRetries).toBe(0);
    expect(read.followRedirects).toBe(false);
    expect(read.tls.servername).toBe('vault.internal');
  });

  it('prefers a BAO_ variable that is set, even to an empty value', () => {
    expect(options({ VAULT_MAX_RETRIES: '5', BAO_MAX_RETRIES: '1' }).maxRetries).toBe(1);
    expect(options({ VAULT_CLIENT_TIMEOUT: 'bad', BAO_CLIENT_TIMEOUT: '' }).timeoutMs).toBe(60_000);
    expect(options({ BAO_TLS_SERVER_NAME: 'bao.internal', VAULT_TLS_SERVER_NAME: 'vault.internal' }).tls.servername).toBe('bao.internal');
  });
});

describe('address, namespace and CA precedence', () => {
  const map = parseProfileMap(
    ['[vault]', 'addr = https://from-vault-section:8200', 'namespace = team', 'cacert = /vault-section/ca.pem', '', '[profile plain]', 'vault_role = r', '', '[profile own]', 'vault_role = r', 'vault_addr = https://from-profile:8200', 'vault_namespace = own', 'vault_cacert = ~/own-ca.pem'].join('\n'),
    '/home/dev/profiles.ini',
  );

  it('takes the profile key first', () => {
    const profile = resolveProfile(map, 'own', { VAULT_ADDR: 'https://from-env:8200', VAULT_NAMESPACE: 'env', VAULT_CACERT: '/env/ca.pem', HOME: '/home/dev' });

    expect(profile.address).toBe('https://from-profile:8200');
    expect(profile.namespace).toBe('own');
    expect(profile.caCert?.path).toBe('/home/dev/own-ca.pem');
  });

  it('takes the environment before the [vault] section', () => {
    const profile = resolveProfile(map, 'plain', { VAULT_ADDR: 'https://from-env:8200', VAULT_NAMESPACE: 'env', VAULT_CAPATH: '/env/certs' });

    expect(profile.address).toBe('https://from-env:8200');
    expect(profile.namespace).toBe('env');
    expect(profile.caCert).toBeUndefined();
  });

  it('lets VAULT_AGENT_ADDR win over VAULT_ADDR, with unix sockets', () => {
    const profile = resolveProfile(map, 'plain', { VAULT_ADDR: 'https://from-env:8200', VAULT_AGENT_ADDR: 'unix:///run/vault/agent.sock' });

    expect(profile.address).toBe('unix:///run/vault/agent.sock');
    expect(profile.addressSource).toBe('VAULT_AGENT_ADDR');
  });

  it('falls back to the [vault] section', () => {
    const profile = resolveProfile(map, 'plain', {});

    expect(profile.address).toBe('https://from-vault-section:8200');
    expect(profile.namespace).toBe('team');
    expect(profile.caCert?.path).toBe('/vault-section/ca.pem');
  });

  it('rejects an address that is not a URL', () => {
    expect(() => resolveProfile(map, 'plain', { VAULT_ADDR: 'vault.example:8200' })).toThrow('is not a URL');
  });
});

describe('token sources', () => {
  function home(): string {
    return mkdtempSync(join(tmpdir(), 'vault-aws-token-'));
  }

  it('takes VAULT_TOKEN before the token file', async () => {
    const directory = home();
    writeFileSync(join(directory, '.vault-token'), 'hvs.from-file');

    expect(await findToken({ HOME: directory, VAULT_TOKEN: 'hvs.from-env' })).toEqual({ token: 'hvs.from-env', source: 'VAULT_TOKEN' });
    expect(await findToken({ HOME: directory, BAO_TOKEN: 'hvs.from-bao', VAULT_TOKEN: 'hvs.from-env' })).toEqual({ token: 'hvs.from-bao', source: 'BAO_TOKEN' });
    expect((await findToken({ HOME: directory })).token).toBe('hvs.from-file');
  });

  it('runs the token helper without a shell and trims its output', async () => {
    const directory = home();
    const helper = join(directory, 'helper with space');
    writeFileSync(helper, '#!/bin/sh\n[ "$1" = get ] && [ "$#" = 1 ] && printf "  hvs.from-helper \\n"\n');
    chmodSync(helper, 0o755);
    writeFileSync(join(directory, '.vault'), `token_helper = "${helper}"\n`);
    writeFileSync(join(directory, '.vault-token'), 'hvs.from-file');

    expect(await findToken({ HOME: directory })).toEqual({ token: 'hvs.from-helper', source: `token helper ${helper}` });
  });

  it('says where it looked when no token is found', async () => {
    const directory = home();

    const failure = await findToken({ HOME: directory }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NoTokenError);
    expect((failure as Error).message).toContain('VAULT_TOKEN (unset)');
    expect((failure as Error).message).toContain(`${directory}/.vault-token (missing or empty)`);
    expect((failure as Error).message).toContain('run "vault login"');
  });

  it('reports a failing token helper with its stderr', async () => {
    const directory = home();
    const helper = join(directory, 'helper');
    writeFileSync(helper, '#!/bin/sh\necho "keychain locked" >&2\nexit 3\n');
    chmodSync(helper, 0o755);
    writeFileSync(join(directory, 'vault.hcl'), `token_helper = "${helper}"\n`);

    await expect(findToken({ HOME: directory, VAULT_CONFIG_PATH: join(directory, 'vault.hcl') })).rejects.toThrow('exit code 3): keychain locked');
  });
});
