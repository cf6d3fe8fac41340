import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestVault } from './requestVault';
import { startVaultEmulator } from './startVaultEmulator';
import type { VaultEmulator } from './types';

const ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';

describe('faults', () => {
  let vault: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator();
    vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  });

  afterEach(() => {
    vault.clearFaults();
  });

  afterAll(async () => {
    await vault.close();
  });

  const sts = (timeoutMs?: number): ReturnType<typeof requestVault> =>
    requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, ...(timeoutMs === undefined ? {} : { timeoutMs }) });

  it('delays answers by latencyMs', async () => {
    vault.setFaults({ latencyMs: 300 });
    const started = Date.now();

    const response = await sts();

    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('never answers a hanging request', async () => {
    vault.setFaults({ hang: true });

    await expect(sts(500)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(vault.requests.at(-1)?.status).toBeUndefined();
  });

  it('drops the connection without a response', async () => {
    vault.setFaults({ dropConnection: true });

    await expect(sts()).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('truncates the body below its Content-Length', async () => {
    vault.setFaults({ truncateBody: true });

    await expect(sts()).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|INCOMPLETE_BODY)$/) });
  });

  it('stalls in the middle of the body', async () => {
    vault.setFaults({ stallBody: true });

    await expect(sts(500)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('answers with a proxy HTML page', async () => {
    vault.setFaults({ htmlStatus: 502 });

    const response = await sts();

    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.body).toContain('<title>502 Bad Gateway</title>');
  });

  it('fails the next N requests with a status, then recovers', async () => {
    vault.setFaults({ status: { code: 503, errors: ['Vault is sealed'], retryAfter: '2' }, failTimes: 2 });

    const first = await sts();
    const second = await sts();
    const third = await sts();

    expect(first.status).toBe(503);
    expect(first.body).toBe('{"errors":["Vault is sealed"]}\n');
    expect(first.headers['retry-after']).toBe('2');
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
  });

  it('applies faults only under pathPrefix', async () => {
    vault.setFaults({ status: { code: 500, errors: ['boom'] }, pathPrefix: 'aws/' });

    const credentials = await sts();
    const health = await requestVault(vault, { path: 'sys/health' });

    expect(credentials.status).toBe(500);
    expect(health.status).toBe(200);
  });

  it('rejects an invalid fault status', () => {
    expect(() => vault.setFaults({ htmlStatus: 42 })).toThrow('Invalid htmlStatus 42');
  });
});

describe('closing', () => {
  it('ends hanging and stalled connections promptly', async () => {
    const vault = await startVaultEmulator();
    vault.setFaults({ hang: true });
    const pending = requestVault(vault, { path: 'sys/health' }).catch((error: unknown) => error);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    const started = Date.now();

    await vault.close();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toMatchObject({ code: 'ECONNRESET' });
  });

  it('cancels pending latency', async () => {
    const vault = await startVaultEmulator();
    vault.setFaults({ latencyMs: 60_000 });
    const pending = requestVault(vault, { path: 'sys/health' }).catch((error: unknown) => error);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    const started = Date.now();

    await vault.close();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('recording and counting', () => {
  let vault: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator();
    vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  });

  afterAll(async () => {
    await vault.close();
  });

  it('records method, path, query, body and redacted tokens', async () => {
    vault.resetRequests();

    await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access?x=1&x=2', token: vault.rootToken, body: { ttl: 900 }, headers: { 'X-Vault-Request': 'true' } });

    expect(vault.requests).toHaveLength(1);
    const recorded = vault.requests[0];
    expect(recorded).toMatchObject({ method: 'POST', path: 'aws/sts/s3_access', query: { x: ['1', '2'] }, body: { ttl: 900 }, hasToken: true, status: 200 });
    expect(recorded?.headers['x-vault-token']).toBe('[redacted]');
    expect(recorded?.headers['x-vault-request']).toBe('true');
    expect(JSON.stringify(recorded)).not.toContain(vault.rootToken);
  });

  it('counts by method, exact path and pattern', async () => {
    vault.resetRequests();

    await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });
    await requestVault(vault, { path: 'aws/sts/s3_access', token: vault.rootToken });
    await requestVault(vault, { path: 'sys/health' });

    expect(vault.count()).toBe(3);
    expect(vault.count({ method: 'post', path: 'aws/sts/s3_access' })).toBe(1);
    expect(vault.count({ path: '/v1/aws/sts/s3_access' })).toBe(2);
    expect(vault.count({ path: /^aws\// })).toBe(2);
  });

  it('counts parallel requests one by one', async () => {
    vault.resetRequests();

    await Promise.all(Array.from({ length: 20 }, () => requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken })));

    expect(vault.count({ method: 'POST', path: 'aws/sts/s3_access' })).toBe(20);
  });
});

describe('LIST method', () => {
  let vault: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator();
    vault.addRole('aws', 'a', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
    vault.addRole('aws', 'b', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  });

  afterAll(async () => {
    await vault.close();
  });

  /** Sends raw HTTP/1.1 requests on one keep-alive connection and returns everything received once `expectedResponses` ended. */
  async function rawExchange(requests: string, expectedResponses: number): Promise<string> {
    const port = Number(new URL(vault.url).port);
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    return new Promise((resolveExchange, reject) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= expectedResponses && received.trimEnd().endsWith('}')) {
          socket.destroy();
          resolveExchange(received);
        }
      });
      socket.on('error', reject);
      socket.write(requests);
    });
  }

  it('serves LIST after a chunked POST on the same connection', async () => {
    const token = vault.rootToken;
    const chunkedPost = `POST /v1/aws/sts/a HTTP/1.1\r\nHost: x\r\nX-Vault-Token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{"ttl":900}\r\n0\r\n\r\n`;
    const list = `LIST /v1/aws/roles HTTP/1.1\r\nHost: x\r\nX-Vault-Token: ${token}\r\n\r\n`;

    const received = await rawExchange(chunkedPost + list, 2);

    expect(received).toContain('"ttl":899');
    expect(received).toContain('"data":{"keys":["a","b"]}');
    expect(vault.requests.at(-1)?.method).toBe('LIST');
    expect(vault.requests.at(-1)?.headers).not.toHaveProperty('x-vault-emulator-method');
  });

  it('serves LIST through node:http', async () => {
    const response = await requestVault(vault, { method: 'LIST', path: 'aws/roles', token: vault.rootToken });

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ data: { keys: ['a', 'b'] } });
  });
});

describe('TLS', () => {
  let vault: VaultEmulator;
  let mutual: VaultEmulator;

  beforeAll(async () => {
    vault = await startVaultEmulator({ tls: true });
    mutual = await startVaultEmulator({ clientCertificate: true });
  });

  afterAll(async () => {
    await vault.close();
    await mutual.close();
  });

  it('serves HTTPS for 127.0.0.1 and localhost with the generated CA', async () => {
    expect(vault.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(vault.caPem).toContain('BEGIN CERTIFICATE');
    expect(existsSync(vault.caFile ?? '')).toBe(true);

    const byAddress = await requestVault(vault, { path: 'sys/health', ca: vault.caPem ?? '' });
    const byName = await requestVault(vault, { path: 'sys/health', ca: vault.caPem ?? '', hostname: 'localhost' });

    expect(byAddress.status).toBe(200);
    expect(byName.status).toBe(200);
  });

  it('fails verification without the CA', async () => {
    await expect(requestVault(vault, { path: 'sys/health' })).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('requires the client certificate for mutual TLS', async () => {
    const withCertificate = await requestVault(mutual, { path: 'sys/health', ca: mutual.caPem ?? '', cert: mutual.clientCertPem ?? '', key: mutual.clientKeyPem ?? '' });

    expect(withCertificate.status).toBe(200);
    expect(existsSync(mutual.clientCertFile ?? '')).toBe(true);
    expect(existsSync(mutual.clientKeyFile ?? '')).toBe(true);
    await expect(requestVault(mutual, { path: 'sys/health', ca: mutual.caPem ?? '' })).rejects.toBeInstanceOf(Error);
  });

  it('removes the certificate files on close', async () => {
    const temporary = await startVaultEmulator({ tls: true });
    const caFile = temporary.caFile ?? '';

    await temporary.close();

    expect(existsSync(caFile)).toBe(false);
  });
});

describe('unix socket', () => {
  it('listens on the given path', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'vault-emulator-test-'));
    const socketPath = join(directory, 'vault.sock');
    const vault = await startVaultEmulator({ unixSocket: socketPath });
    try {
      const response = await requestVault(vault, { path: 'sys/health' });

      expect(vault.url).toBe(`unix://${socketPath}`);
      expect(response.status).toBe(200);
    } finally {
      await vault.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('options', () => {
  it('rejects a host other than loopback', async () => {
    await expect(startVaultEmulator({ host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow('127.0.0.1 only');
  });

  it('rejects an invalid version', async () => {
    await expect(startVaultEmulator({ version: 'latest' })).rejects.toThrow('Invalid Vault version "latest"');
  });

  it('uses a given root token', async () => {
    const vault = await startVaultEmulator({ rootToken: 'root' });
    try {
      const response = await requestVault(vault, { path: 'auth/token/lookup-self', token: 'root' });

      expect(response.status).toBe(200);
    } finally {
      await vault.close();
    }
  });
});

describe('cli', () => {
  it('prints the address, serves requests and stops on SIGTERM', async () => {
    const cli = resolve(__dirname, 'cli.ts');
    const tsx = resolve(__dirname, '../../node_modules/tsx/dist/cli.mjs');
    const child = spawn(process.execPath, [tsx, cli, '--version', '1.16.0', '--tls', '--role', `aws/s3_access=${ROLE_ARN}`, '--latency-ms', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    try {
      const firstLine = await new Promise<string>((resolveLine) => createInterface({ input: child.stdout }).once('line', resolveLine));
      const ready = JSON.parse(firstLine) as { url: string; token: string; caFile: string };
      const { readFileSync } = await import('node:fs');

      const response = await requestVault({ url: ready.url }, { method: 'POST', path: 'aws/sts/s3_access', token: ready.token, ca: readFileSync(ready.caFile, 'utf8') });

      expect(ready.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ mount_type: 'aws' });
    } finally {
      child.kill('SIGTERM');
    }

    expect(await exited).toBe(0);
  });
});
