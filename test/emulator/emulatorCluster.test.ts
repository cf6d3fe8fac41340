import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requestVault } from './requestVault';
import { startVaultEmulator } from './startVaultEmulator';
import type { EmulatorState, VaultEmulator } from './types';

let vault: VaultEmulator;
let initialState: EmulatorState;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: ['arn:aws:iam::083674922126:role/vault-role-bucket-access'] });
  initialState = { ...vault.state };
});

afterEach(() => {
  Object.assign(vault.state, initialState);
});

afterAll(async () => {
  await vault.close();
});

function health(query = ''): ReturnType<typeof requestVault> {
  return requestVault(vault, { path: `sys/health${query}` });
}

describe('sys/health', () => {
  it('reports an active node with fields in Go order', async () => {
    const response = await health();

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'initialized',
      'sealed',
      'standby',
      'performance_standby',
      'replication_performance_mode',
      'replication_dr_mode',
      'server_time_utc',
      'version',
      'enterprise',
      'cluster_name',
      'cluster_id',
      'echo_duration_ms',
      'clock_skew_ms',
      'replication_primary_canary_age_ms',
    ]);
    expect(body['version']).toBe('1.17.0');
    expect(body['cluster_name']).toMatch(/^vault-cluster-[0-9a-f]{8}$/);
    expect(Math.abs(Number(body['server_time_utc']) - Date.now() / 1000)).toBeLessThan(5);
  });

  it.each([
    { change: { initialized: false }, status: 501 },
    { change: { removedFromCluster: true }, status: 530 },
    { change: { sealed: true }, status: 503 },
    { change: { standby: true, haUnhealthy: true }, status: 474 },
    { change: { drSecondary: true }, status: 472 },
    { change: { standby: true, perfStandby: true }, status: 473 },
    { change: { standby: true }, status: 429 },
  ])('answers $status for $change', async ({ change, status }) => {
    Object.assign(vault.state, change);

    const response = await health();

    expect(response.status).toBe(status);
  });

  it('leaves out the cluster name and reports standby while sealed', async () => {
    vault.state.sealed = true;

    const body = JSON.parse((await health()).body) as Record<string, unknown>;

    expect(body['sealed']).toBe(true);
    expect(body['standby']).toBe(true);
    expect(body).not.toHaveProperty('cluster_name');
    expect(body).not.toHaveProperty('cluster_id');
  });

  it('honours standbyok and perfstandbyok', async () => {
    vault.state.standby = true;
    const standby = await health('?standbyok=true');
    vault.state.perfStandby = true;
    const perfStandby = await health('?perfstandbyok=true');

    expect(standby.status).toBe(200);
    expect(perfStandby.status).toBe(200);
  });

  it('takes every status override, as the Go client sends them', async () => {
    const overrides = 'uninitcode=299&sealedcode=299&standbycode=299&drsecondarycode=299&performancestandbycode=299&removedcode=299&haunhealthycode=299';
    vault.state.sealed = true;
    const sealed = await health(`?${overrides}`);
    vault.state.sealed = false;
    vault.state.standby = true;
    const standby = await health(`?${overrides}`);
    vault.state.standby = false;
    const active = await health('?activecode=204');

    expect(sealed.status).toBe(299);
    expect(standby.status).toBe(299);
    expect(active.status).toBe(204);
    expect(active.body).toBe('');
  });

  it('rejects a bad override with an empty error list', async () => {
    const badCode = await health('?standbycode=abc');
    const badBool = await health('?standbyok=yes');

    expect(badCode.status).toBe(400);
    expect(badCode.body).toBe('{"errors":[]}\n');
    expect(badBool.status).toBe(400);
    expect(badBool.body).toBe('{"errors":[]}\n');
  });

  it('closes the connection for a status Go cannot write', async () => {
    await expect(health('?activecode=42')).rejects.toThrow();
  });

  it('answers HEAD with the status only', async () => {
    vault.state.standby = true;

    const response = await requestVault(vault, { method: 'HEAD', path: 'sys/health' });

    expect(response.status).toBe(429);
    expect(response.body).toBe('');
  });

  it('rejects POST with 405', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'sys/health' });

    expect(response.status).toBe(405);
    expect(response.body).toBe('{"errors":[]}\n');
  });

  it('reports the clock skew and shifts server_time_utc', async () => {
    vault.state.clockSkewMs = -600_000;

    const body = JSON.parse((await health()).body) as Record<string, unknown>;

    expect(body['clock_skew_ms']).toBe(-600_000);
    expect(Math.abs(Number(body['server_time_utc']) - (Date.now() / 1000 - 600))).toBeLessThan(5);
  });
});

describe('cluster conditions on logical paths', () => {
  it('answers 503 Vault is sealed everywhere but the status endpoints', async () => {
    vault.state.sealed = true;

    const credentials = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });
    const lookup = await requestVault(vault, { path: 'auth/token/lookup-self', token: vault.rootToken });
    const sealStatus = await requestVault(vault, { path: 'sys/seal-status' });

    expect(credentials.status).toBe(503);
    expect(credentials.body).toBe('{"errors":["Vault is sealed"]}\n');
    expect(lookup.status).toBe(503);
    expect(sealStatus.status).toBe(200);
    expect(JSON.parse(sealStatus.body)).toMatchObject({ type: 'shamir', initialized: true, sealed: true, t: 1, n: 1, version: '1.17.0' });
  });

  it('redirects a standby with 307', async () => {
    vault.state.standby = true;
    vault.state.activeAddress = 'https://vault-active.example:8200';

    const response = await requestVault(vault, { path: 'aws/sts/s3_access?ttl=15m', token: vault.rootToken });

    expect(response.status).toBe(307);
    expect(response.body).toBe('');
    expect(response.headers['location']).toBe('https://vault-active.example:8200/v1/aws/sts/s3_access?ttl=15m');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('adds https to an active address without a scheme', async () => {
    vault.state.standby = true;
    vault.state.activeAddress = '10.0.0.5:8200';

    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

    expect(response.headers['location']).toBe('https://10.0.0.5:8200/v1/aws/sts/s3_access');
  });

  it('answers 503 for a standby without a known leader', async () => {
    vault.state.standby = true;

    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

    expect(response.status).toBe(503);
    expect(response.body).toBe('{"errors":["no active Vault instance found"]}\n');
  });

  it('names the leader in sys/leader on a standby', async () => {
    vault.state.standby = true;
    vault.state.activeAddress = 'https://vault-active.example:8200';

    const response = await requestVault(vault, { path: 'sys/leader' });

    expect(JSON.parse(response.body)).toMatchObject({ ha_enabled: true, is_self: false, leader_address: 'https://vault-active.example:8200' });
  });

  it('answers 429 for an exceeded rate limit quota without headers by default', async () => {
    vault.state.rateLimit = {};

    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

    expect(response.status).toBe(429);
    expect(response.body).toBe('{"errors":["request path \\"aws/sts/s3_access\\": rate limit quota exceeded"]}\n');
    expect(response.headers['retry-after']).toBeUndefined();
  });

  it('adds Retry-After and X-RateLimit headers when enabled', async () => {
    vault.state.rateLimit = { retryAfterSeconds: 7, limit: 20 };

    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.headers['x-ratelimit-limit']).toBe('20');
    expect(response.headers['x-ratelimit-remaining']).toBe('0');
    expect(response.headers['x-ratelimit-reset']).toBe('7');
  });

  it('answers 503 when overloaded', async () => {
    vault.state.overloaded = true;

    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

    expect(response.status).toBe(503);
    expect(response.body).toBe('{"errors":["overloaded, try again later"]}\n');
  });

  it('requires X-Vault-Request like an Agent listener', async () => {
    vault.state.requireRequestHeader = true;

    const without = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });
    const withHeader = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, headers: { 'X-Vault-Request': 'true' } });

    expect(without.status).toBe(412);
    expect(without.body).toBe('{"errors":["missing \\"X-Vault-Request\\" header"]}\n');
    expect(withHeader.status).toBe(200);
  });

  it('switches the response shape when the version changes at run time', async () => {
    vault.state.version = '1.15.0';

    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken });

    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body).not.toHaveProperty('mount_type');
    expect(body['data']).not.toHaveProperty('session_token');
  });

  it('echoes X-Vault-Namespace', async () => {
    const response = await requestVault(vault, { method: 'POST', path: 'aws/sts/s3_access', token: vault.rootToken, headers: { 'X-Vault-Namespace': 'team/' } });

    expect(response.headers['x-vault-namespace']).toBe('team/');
  });

  it('answers paths outside /v1/ with 404', async () => {
    const response = await requestVault(vault, { path: '/ui/' });

    expect(response.status).toBe(404);
    expect(response.body).toBe('{"errors":[]}\n');
  });
});
