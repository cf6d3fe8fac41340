import { afterEach, describe, expect, it } from 'vitest';
import { readClientOptions } from '../../src/vault/readClientOptions';
import { createVaultClient, type VaultClient } from '../../src/vault/vaultClient';
import { VaultRequestError } from '../../src/vault/vaultRequestError';
import { startScriptedServer, STS_ANSWER, vaultError, type ScriptedReply, type ScriptedServer } from './scriptedServer';

let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Creates a client that records its waits instead of sleeping and draws a fixed jitter. */
function clientFor(url: string, env: Record<string, string> = {}, random = 0.5): { client: VaultClient; waits: number[] } {
  const waits: number[] = [];
  const options = readClientOptions(env, { address: url, namespace: undefined });
  const client = createVaultClient(options, {
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => random,
  });
  return { client, waits };
}

async function failureOf(promise: Promise<unknown>): Promise<VaultRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VaultRequestError) {
      return error;
    }

    throw error;
  }

  throw new Error('the request succeeded');
}

const request = { method: 'POST', path: 'aws/sts/s3_access', body: { ttl: 3600 }, token: 'hvs.test' } as const;

describe('vault client retries', () => {
  for (const status of [412, 429, 500, 502, 503, 504]) {
    it(`retries HTTP ${status} twice by default`, async () => {
      server = await startScriptedServer([vaultError(status, 'try again')]);
      const { client, waits } = clientFor(server.url);

      const failure = await failureOf(client.request(request));

      expect(failure.status).toBe(status);
      expect(server.seen).toHaveLength(3);
      expect(waits).toEqual([1250, 2500]);
    });
  }

  for (const status of [400, 403, 404, 405, 501]) {
    it(`does not retry HTTP ${status}`, async () => {
      server = await startScriptedServer([vaultError(status, 'no')]);
      const { client, waits } = clientFor(server.url);

      const failure = await failureOf(client.request(request));

      expect(failure.status).toBe(status);
      expect(server.seen).toHaveLength(1);
      expect(waits).toEqual([]);
    });
  }

  it('succeeds after a retried 503 and replays the body', async () => {
    server = await startScriptedServer([vaultError(503, 'Vault is sealed'), { status: 200, body: STS_ANSWER }]);
    const { client } = clientFor(server.url);

    const response = await client.request(request);

    expect(response.status).toBe(200);
    expect(server.seen.map((seen) => seen.body)).toEqual(['{"ttl":3600}', '{"ttl":3600}']);
  });

  it('honours VAULT_MAX_RETRIES', async () => {
    server = await startScriptedServer([vaultError(500, 'internal error')]);
    const { client, waits } = clientFor(server.url, { VAULT_MAX_RETRIES: '4' }, 0);

    await failureOf(client.request(request));

    expect(server.seen).toHaveLength(5);
    expect(waits).toEqual([1000, 2000, 3000, 4000]);
  });

  it('makes one attempt with VAULT_MAX_RETRIES=0', async () => {
    server = await startScriptedServer([vaultError(500, 'internal error')]);
    const { client } = clientFor(server.url, { VAULT_MAX_RETRIES: '0' });

    await failureOf(client.request(request));

    expect(server.seen).toHaveLength(1);
  });

  it('draws the linear jitter between 1000 and 1499 ms per retry', async () => {
    server = await startScriptedServer([vaultError(502, 'throttled')]);
    const { client, waits } = clientFor(server.url, {}, 0.999);

    await failureOf(client.request(request));

    expect(waits).toEqual([1499, 2998]);
  });

  it('waits exactly Retry-After seconds on 429 and 503', async () => {
    server = await startScriptedServer([
      { ...vaultError(429, 'rate limit quota exceeded'), headers: { 'Retry-After': '7' } },
      { ...vaultError(503, 'overloaded'), headers: { 'Retry-After': '3' } },
      { status: 200, body: STS_ANSWER },
    ]);
    const { client, waits } = clientFor(server.url);

    await client.request(request);

    expect(waits).toEqual([7000, 3000]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    server = await startScriptedServer([{ ...vaultError(429, 'slow down'), headers: { 'Retry-After': inTenSeconds } }, { status: 200, body: STS_ANSWER }]);
    const { client, waits } = clientFor(server.url);

    await client.request(request);

    expect(waits[0]).toBeGreaterThan(8000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
  });

  it('ignores Retry-After on a 500', async () => {
    server = await startScriptedServer([{ ...vaultError(500, 'internal'), headers: { 'Retry-After': '30' } }, { status: 200, body: STS_ANSWER }]);
    const { client, waits } = clientFor(server.url);

    await client.request(request);

    expect(waits).toEqual([1250]);
  });

  it('retries a dropped connection', async () => {
    server = await startScriptedServer([{ status: 0, drop: true }, { status: 200, body: STS_ANSWER }]);
    const { client, waits } = clientFor(server.url);

    const response = await client.request(request);

    expect(response.status).toBe(200);
    expect(waits).toEqual([1250]);
  });

  it('retries a refused connection and names the address', async () => {
    server = await startScriptedServer([{ status: 200 }]);
    const url = server.url;
    await server.close();
    server = undefined;
    const { client, waits } = clientFor(url);

    const failure = await failureOf(client.request(request));

    expect(failure.kind).toBe('connection');
    expect(failure.message).toContain('ECONNREFUSED');
    expect(failure.message).toContain(url);
    expect(waits).toHaveLength(2);
  });

  it('gives up when a Retry-After wait would pass the deadline', async () => {
    server = await startScriptedServer([{ ...vaultError(429, 'slow down'), headers: { 'Retry-After': '120' } }]);
    const { client, waits } = clientFor(server.url, { VAULT_CLIENT_TIMEOUT: '60' });

    const failure = await failureOf(client.request(request));

    expect(failure.status).toBe(429);
    expect(server.seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('vault client deadline', () => {
  it('bounds the whole call, retries included, by VAULT_CLIENT_TIMEOUT', async () => {
    server = await startScriptedServer([vaultError(503, 'sealed')]);
    const options = readClientOptions({ VAULT_CLIENT_TIMEOUT: '2s', VAULT_MAX_RETRIES: '10' }, { address: server.url, namespace: undefined });
    const client = createVaultClient(options, { random: () => 0 });
    const started = Date.now();

    const failure = await failureOf(client.request(request));

    expect(failure.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(server.seen).toHaveLength(2);
  });

  it('aborts a request that hangs past the timeout', async () => {
    const replies: ScriptedReply[] = [];
    server = await startScriptedServer(replies);
    server.server.removeAllListeners('request');
    server.server.on('request', () => undefined);
    const options = readClientOptions({ VAULT_CLIENT_TIMEOUT: '1' }, { address: server.url, namespace: undefined });
    const started = Date.now();

    const failure = await failureOf(createVaultClient(options).request(request));

    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('timed out after 1 s without a complete response');
    expect(Date.now() - started).toBeLessThan(1800);
  });
});
