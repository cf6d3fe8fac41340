import { readdirSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VaultEmulator } from '../emulator';
import { SCENARIO_ROLE_ARN, startScenarioVault } from '../helpers/startScenarioVault';
import { createSandbox } from '../helpers/sandbox';

const ROLE_ARN = SCENARIO_ROLE_ARN;
const EXPIRATION_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let vault: VaultEmulator;

beforeAll(async () => {
  // The IAM role allows 12-hour sessions, so that profiles can request more than the default hour.
  vault = await startScenarioVault({ maxSessionDuration: 43_200 });
});

afterAll(async () => {
  await vault.close();
});

function stsRequests(role = 's3_access'): number {
  return vault.count({ method: 'POST', path: `aws/sts/${role}` });
}

describe('credential-process', () => {
  it('prints the credential_process JSON for the reference scenario', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    const before = stsRequests();
    const started = Math.floor(Date.now() / 1000);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
    expect(document['Version']).toBe(1);
    expect(document['AccessKeyId']).toMatch(/^ASIA/);
    expect(document['AccountId']).toBe('083674922126');
    expect(document['Expiration']).toMatch(EXPIRATION_FORMAT);
    const expiresAt = Date.parse(String(document['Expiration'])) / 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(started + 3590);
    expect(expiresAt).toBeLessThanOrEqual(started + 3600 + 5);
    expect(stsRequests() - before).toBe(1);

    const last = vault.requests.filter((request) => request.path === 'aws/sts/s3_access').at(-1);
    expect(last?.body).toEqual({ ttl: 3600 });
    expect(last?.headers['x-vault-request']).toBe('true');
  });

  it('answers the second call from the cache', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    const first = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const before = stsRequests();

    const second = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    expect(stsRequests()).toBe(before);
  });

  it('keeps the cache private', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(statSync(sandbox.cacheDirectory).mode & 0o777).toBe(0o700);
    const names = readdirSync(sandbox.cacheDirectory);
    expect(names).toEqual(['profile-b-s3.json']);
    expect(statSync(`${sandbox.cacheDirectory}/profile-b-s3.json`).mode & 0o777).toBe(0o600);
  });

  it('sends role_arn, ttl and the session name', async () => {
    vault.addRole('aws', 'multi', { credential_type: 'assumed_role', role_arns: [ROLE_ARN, 'arn:aws:iam::111122223333:role/other'], maxSessionDuration: 43_200 });
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap(`[profile acme.prod]\nvault_role = multi\nrole_arn = ${ROLE_ARN}\nttl = 90m\nrole_session_name = dev@acme\n`);

    const result = await sandbox.run(['credential-process', '--profile', 'acme.prod']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const last = vault.requests.filter((request) => request.path === 'aws/sts/multi').at(-1);
    expect(last?.body).toEqual({ ttl: 5400, role_arn: ROLE_ARN, role_session_name: 'dev@acme' });
  });

  it.each(['acme.prod', 'team@x', 'my_dev-1'])('serves the profile %s', async (name) => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap(`[profile other]\nvault_role = nope\n\n[profile ${name}]\nvault_role = s3_access\n`);

    const result = await sandbox.run(['credential-process', '--profile', name]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1 });
  });

  it('fetches again when the settings change', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    const first = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\nttl = 2h\n');
    const before = stsRequests();

    const second = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(second.code).toBe(0);
    expect(stsRequests() - before).toBe(1);
    expect(JSON.parse(second.stdout).AccessKeyId).not.toBe(JSON.parse(first.stdout).AccessKeyId);
  });

  it('fetches again with --force-refresh', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const before = stsRequests();

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3', '--force-refresh']);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(stsRequests() - before).toBe(1);
  });

  it('makes one Vault request for 32 parallel runs on a cold cache', async () => {
    vault.addRole('aws', 'parallel', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
    vault.setFaults({ latencyMs: 500 });
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile par]\nvault_role = parallel\n');

    try {
      const results = await Promise.all(Array.from({ length: 32 }, () => sandbox.run(['credential-process', '--profile', 'par'])));

      expect(results.map((result) => result.code)).toEqual(Array(32).fill(0));
      expect(results.map((result) => result.stderr).join('')).toBe('');
      expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
      expect(stsRequests('parallel')).toBe(1);
    } finally {
      vault.clearFaults();
    }
  });

  it('treats a damaged entry as a miss and replaces it', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const path = `${sandbox.cacheDirectory}/profile-b-s3.json`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 50));
    const before = stsRequests();

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(0);
    expect(stsRequests() - before).toBe(1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 1, profile: 'b-s3' });
  });
});
