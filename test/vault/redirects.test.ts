import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startVaultEmulator } from '../emulator';
import { readClientOptions } from '../../src/vault/readClientOptions';
import { createVaultClient } from '../../src/vault/vaultClient';
import { VaultRequestError } from '../../src/vault/vaultRequestError';
import { startScriptedServer, STS_ANSWER, type ScriptedServer } from './scriptedServer';

const servers: ScriptedServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function scripted(...args: Parameters<typeof startScriptedServer>): Promise<ScriptedServer> {
  const server = await startScriptedServer(...args);
  servers.push(server);
  return server;
}

function request(address: string, env: Record<string, string> = {}) {
  const client = createVaultClient(readClientOptions(env, { address, namespace: undefined }), { sleep: async () => undefined });
  return client.request({ method: 'POST', path: 'aws/sts/s3_access', body: { ttl: 3600 }, token: 'hvs.test' });
}

describe('redirects', () => {
  it('follows a standby 307 once and replays the body to the active node', async () => {
    const active = await scripted([{ status: 200, body: STS_ANSWER }]);
    const standby = await scripted([{ status: 307, headers: { Location: `${active.url}/v1/aws/sts/s3_access` } }]);

    const response = await request(standby.url);

    expect(response.status).toBe(200);
    expect(active.seen[0]?.body).toBe('{"ttl":3600}');
    expect(active.seen[0]?.headers['x-vault-token']).toBe('hvs.test');
  });

  it('does not follow a second redirect', async () => {
    const third = await scripted([{ status: 200, body: STS_ANSWER }]);
    const second = await scripted([{ status: 307, headers: { Location: `${third.url}/v1/aws/sts/s3_access` } }]);
    const first = await scripted([{ status: 302, headers: { Location: `${second.url}/v1/aws/sts/s3_access` } }]);

    await expect(request(first.url)).rejects.toMatchObject({ status: 307 });
    expect(third.seen).toHaveLength(0);
  });

  it('does not follow with VAULT_DISABLE_REDIRECTS=true', async () => {
    const active = await scripted([{ status: 200, body: STS_ANSWER }]);
    const standby = await scripted([{ status: 307, headers: { Location: `${active.url}/v1/aws/sts/s3_access` } }]);

    await expect(request(standby.url, { VAULT_DISABLE_REDIRECTS: 'true' })).rejects.toMatchObject({ status: 307 });
    expect(active.seen).toHaveLength(0);
  });

  it('refuses a redirect from https to http', async () => {
    const vault = await startVaultEmulator({ tls: true });
    const active = await scripted([{ status: 200, body: STS_ANSWER }]);
    vault.state.standby = true;
    vault.state.activeAddress = active.url;
    try {
      const failure = await request(vault.url, { VAULT_CACERT: vault.caFile as string }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(VaultRequestError);
      expect((failure as VaultRequestError).kind).toBe('redirect');
      expect((failure as VaultRequestError).message).toContain('would cause protocol downgrade from https');
      expect(active.seen).toHaveLength(0);
    } finally {
      await vault.close();
    }
  });

  it('stays on the unix socket when following a redirect', async () => {
    const socket = join(mkdtempSync(join(tmpdir(), 'vault-aws-socket-')), 'agent.sock');
    const agent = await scripted((seen) => (seen.url.startsWith('/v1/aws/sts/') ? { status: 307, headers: { Location: 'http://10.0.0.9:8200/v1/moved/here?x=1' } } : { status: 200, body: STS_ANSWER }), { path: socket });

    const response = await request(`unix://${socket}`);

    expect(response.status).toBe(200);
    expect(agent.seen.map((seen) => seen.url)).toEqual(['/v1/aws/sts/s3_access', '/v1/moved/here?x=1']);
  });

  it('reports a redirect without Location', async () => {
    const standby = await scripted([{ status: 307 }]);

    await expect(request(standby.url)).rejects.toThrow('HTTP 307 redirect without a Location header');
  });
});
