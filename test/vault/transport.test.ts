import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { readClientOptions } from '../../src/vault/readClientOptions';
import { createVaultClient } from '../../src/vault/vaultClient';
import { VaultRequestError } from '../../src/vault/vaultRequestError';
import { startTestProxy, type TestProxy } from './connectProxy';

let tlsVault: VaultEmulator;
let mtlsVault: VaultEmulator;
let plainVault: VaultEmulator;
let proxy: TestProxy | undefined;

beforeAll(async () => {
  [tlsVault, mtlsVault, plainVault] = await Promise.all([startVaultEmulator({ tls: true }), startVaultEmulator({ clientCertificate: true }), startVaultEmulator()]);
});

afterAll(async () => {
  await Promise.all([tlsVault.close(), mtlsVault.close(), plainVault.close()]);
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** Looks the root token up through a client built from `env`; returns the display name or the error. */
async function lookUp(vault: VaultEmulator, env: Record<string, string>, address = vault.url): Promise<string | VaultRequestError> {
  const client = createVaultClient(readClientOptions(env, { address, namespace: undefined }), { sleep: async () => undefined });
  try {
    const response = await client.request({ method: 'GET', path: 'auth/token/lookup-self', token: vault.rootToken });
    return String((response.body?.['data'] as Record<string, unknown>)['display_name']);
  } catch (error) {
    if (error instanceof VaultRequestError) {
      return error;
    }

    throw error;
  }
}

function kindOf(result: string | VaultRequestError): string {
  return typeof result === 'string' ? 'ok' : result.kind;
}

describe('TLS settings', () => {
  it('says when an https address points at a plain HTTP server', async () => {
    const result = await lookUp(plainVault, {}, plainVault.url.replace('http://', 'https://'));

    expect(kindOf(result)).toBe('tls');
    expect((result as VaultRequestError).message).toContain('the server does not speak TLS');
    expect((result as VaultRequestError).message).toContain('use an http:// address');
  });

  it('verifies the server with VAULT_CACERT', async () => {
    expect(await lookUp(tlsVault, { VAULT_CACERT: tlsVault.caFile as string })).toBe('root');
  });

  it('verifies the server with VAULT_CACERT_BYTES', async () => {
    expect(await lookUp(tlsVault, { VAULT_CACERT_BYTES: tlsVault.caPem as string })).toBe('root');
  });

  it('loads every file under VAULT_CAPATH, subdirectories included', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'vault-aws-capath-'));
    mkdirSync(join(directory, 'nested'));
    writeFileSync(join(directory, 'nested', 'b3c6c4a1.0'), tlsVault.caPem as string);
    writeFileSync(join(directory, 'other.pem'), mtlsVault.caPem as string);

    expect(await lookUp(tlsVault, { VAULT_CAPATH: directory })).toBe('root');
  });

  it('rejects a VAULT_CAPATH file without a certificate', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'vault-aws-capath-'));
    writeFileSync(join(directory, 'README'), 'not a certificate');

    await expect(lookUp(tlsVault, { VAULT_CAPATH: directory })).rejects.toThrow(/README named by VAULT_CAPATH contains no PEM certificate/);
  });

  it('prefers VAULT_CACERT over VAULT_CACERT_BYTES and VAULT_CAPATH', async () => {
    const result = await lookUp(tlsVault, { VAULT_CACERT: tlsVault.caFile as string, VAULT_CACERT_BYTES: 'garbage', VAULT_CAPATH: '/nonexistent' });

    expect(result).toBe('root');
  });

  it('fails without retrying when the certificate does not verify', async () => {
    const before = tlsVault.count();
    const started = Date.now();

    const result = await lookUp(tlsVault, {});

    expect(kindOf(result)).toBe('tls');
    expect(String(result)).toContain('set VAULT_CACERT');
    expect(Date.now() - started).toBeLessThan(900);
    expect(tlsVault.count() - before).toBe(0);
  });

  it('skips verification with VAULT_SKIP_VERIFY=true and 1, and verifies with false and 0', async () => {
    expect(await lookUp(tlsVault, { VAULT_SKIP_VERIFY: 'true' })).toBe('root');
    expect(await lookUp(tlsVault, { VAULT_SKIP_VERIFY: '1' })).toBe('root');
    expect(kindOf(await lookUp(tlsVault, { VAULT_SKIP_VERIFY: 'false' }))).toBe('tls');
    expect(kindOf(await lookUp(tlsVault, { VAULT_SKIP_VERIFY: '0' }))).toBe('tls');
  });

  it('checks the name from VAULT_TLS_SERVER_NAME', async () => {
    const env = { VAULT_CACERT: tlsVault.caFile as string };

    expect(await lookUp(tlsVault, { ...env, VAULT_TLS_SERVER_NAME: 'localhost' })).toBe('root');
    const wrongName = await lookUp(tlsVault, { ...env, VAULT_TLS_SERVER_NAME: 'vault.other.example' });
    expect(kindOf(wrongName)).toBe('tls');
    expect(String(wrongName)).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});

describe('mutual TLS', () => {
  it('presents VAULT_CLIENT_CERT and VAULT_CLIENT_KEY', async () => {
    const env = { VAULT_CACERT: mtlsVault.caFile as string, VAULT_CLIENT_CERT: mtlsVault.clientCertFile as string, VAULT_CLIENT_KEY: mtlsVault.clientKeyFile as string };

    expect(await lookUp(mtlsVault, env)).toBe('root');
  });

  it('fails without a client certificate', async () => {
    const result = await lookUp(mtlsVault, { VAULT_CACERT: mtlsVault.caFile as string, VAULT_MAX_RETRIES: '0' });

    expect(kindOf(result)).toBe('tls');
    expect(String(result)).toContain('check VAULT_CLIENT_CERT and VAULT_CLIENT_KEY');
  });

  it('rejects a client certificate without its key', async () => {
    await expect(lookUp(mtlsVault, { VAULT_CLIENT_CERT: mtlsVault.clientCertFile as string })).rejects.toThrow(
      'both client cert and client key must be provided: VAULT_CLIENT_CERT is set but VAULT_CLIENT_KEY is not',
    );
  });
});

describe('unix socket address', () => {
  it('sends requests over the socket of a unix:/// address', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'vault-aws-socket-')), 'agent.sock');
    const agent = await startVaultEmulator({ unixSocket: socket });
    try {
      expect(agent.url).toBe(`unix://${socket}`);
      expect(await lookUp(agent, {})).toBe('root');
      expect(agent.requests.at(-1)?.headers['x-vault-request']).toBe('true');
    } finally {
      await agent.close();
    }
  });
});

describe('proxies', () => {
  it('tunnels https through HTTPS_PROXY with CONNECT and basic authentication', async () => {
    proxy = await startTestProxy();
    const port = new URL(tlsVault.url).port;
    const proxyUrl = proxy.url.replace('http://', 'http://alice:s%3Acret@');
    const env = { HTTPS_PROXY: proxyUrl, VAULT_CACERT: tlsVault.caFile as string, VAULT_TLS_SERVER_NAME: 'localhost' };

    const result = await lookUp(tlsVault, env, `https://vault.test:${port}`);

    expect(result).toBe('root');
    expect(proxy.seen).toEqual([{ method: 'CONNECT', target: `vault.test:${port}`, authorization: `Basic ${Buffer.from('alice:s:cret').toString('base64')}` }]);
  });

  it('sends http requests to VAULT_HTTP_PROXY with the absolute URI, loopback included', async () => {
    proxy = await startTestProxy();

    const result = await lookUp(plainVault, { VAULT_HTTP_PROXY: proxy.url, NO_PROXY: '*' });

    expect(result).toBe('root');
    expect(proxy.seen.map((seen) => seen.target)).toEqual([`${plainVault.url}/v1/auth/token/lookup-self`]);
  });

  it('tunnels https to loopback through VAULT_PROXY_ADDR', async () => {
    proxy = await startTestProxy();

    const result = await lookUp(tlsVault, { VAULT_PROXY_ADDR: proxy.url, VAULT_CACERT: tlsVault.caFile as string });

    expect(result).toBe('root');
    expect(proxy.seen[0]?.method).toBe('CONNECT');
  });

  it('connects directly to loopback despite HTTPS_PROXY', async () => {
    proxy = await startTestProxy();

    expect(await lookUp(tlsVault, { HTTPS_PROXY: proxy.url, VAULT_CACERT: tlsVault.caFile as string })).toBe('root');
    expect(proxy.seen).toEqual([]);
  });

  it('reports a refused tunnel without retrying', async () => {
    proxy = await startTestProxy({ refuseWith: 407 });
    const port = new URL(tlsVault.url).port;

    const result = await lookUp(tlsVault, { HTTPS_PROXY: proxy.url }, `https://vault.test:${port}`);

    expect(kindOf(result)).toBe('proxy');
    expect(String(result)).toContain('refused CONNECT vault.test');
    expect(String(result)).toContain('HTTP 407');
    expect(proxy.seen).toHaveLength(1);
  });

  it('names the proxy when it cannot be reached', async () => {
    const result = await lookUp(tlsVault, { HTTPS_PROXY: 'http://127.0.0.1:1', VAULT_MAX_RETRIES: '0' }, 'https://vault.test:8200');

    expect(kindOf(result)).toBe('connection');
    expect(String(result)).toContain('through the proxy http://127.0.0.1:1 (HTTPS_PROXY)');
  });
});
