import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentProcessIdentity } from '../../src/cache/processIdentity';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { useScenarioVault } from '../helpers/startScenarioVault';

const scenario = useScenarioVault();

/** A sandbox with cached credentials for the profiles `a` and `team@x`. */
async function cachedSandbox(): Promise<Sandbox> {
  const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
  sandbox.writeProfileMap('[profile a]\nvault_role = s3_access\n\n[profile team@x]\nvault_role = s3_access\n');
  for (const profile of ['a', 'team@x']) {
    expect((await sandbox.run(['credential-process', '--profile', profile])).code).toBe(0);
  }

  return sandbox;
}

describe('cache list', () => {
  it('shows every profile without secrets', async () => {
    const sandbox = await cachedSandbox();
    const secrets = ['a', 'team@x'].map((profile) => JSON.parse(readFileSync(join(sandbox.cacheDirectory, `profile-${profile}.json`), 'utf8')) as Record<string, string>);

    const json = await sandbox.run(['cache', 'list', '--json']);
    const table = await sandbox.run(['cache', 'list']);

    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(listed.map((status) => status['profile'])).toEqual(['a', 'team@x']);
    expect(listed.map((status) => status['state'])).toEqual(['fresh', 'fresh']);
    expect(Number(listed[0]?.['remainingSeconds'])).toBeGreaterThan(3500);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('team@x');
    for (const entry of secrets) {
      for (const secret of [entry['accessKeyId'], entry['secretAccessKey'], entry['sessionToken']]) {
        expect(json.stdout).not.toContain(secret);
        expect(table.stdout).not.toContain(secret);
      }
    }
  });

  it('reports a damaged entry as invalid', async () => {
    const sandbox = await cachedSandbox();
    writeFileSync(join(sandbox.cacheDirectory, 'profile-a.json'), '{"format":1', { mode: 0o600 });

    const listed = JSON.parse((await sandbox.run(['cache', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;

    expect(listed[0]).toMatchObject({ profile: 'a', state: 'invalid' });
  });
});

describe('cache clear', () => {
  it('removes one profile only', async () => {
    const sandbox = await cachedSandbox();

    const result = await sandbox.run(['cache', 'clear', '--profile', 'a']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Removed 1 cached credential entry for profile "a"');
    expect(readdirSync(sandbox.cacheDirectory)).toEqual(['profile-team@x.json']);
  });

  it('removes everything but a live lock', async () => {
    const sandbox = await cachedSandbox();
    const liveLock = join(sandbox.cacheDirectory, 'profile-a.json.lock');
    writeFileSync(liveLock, JSON.stringify({ pid: process.pid, host: hostname() }), { mode: 0o600 });
    const deadLock = join(sandbox.cacheDirectory, 'profile-team@x.json.lock');
    // Above the largest PID Linux hands out, so no process has it.
    writeFileSync(deadLock, JSON.stringify({ ...currentProcessIdentity(), pid: 2 ** 22 + 17 }), { mode: 0o600 });
    writeFileSync(join(sandbox.cacheDirectory, 'login-0123abcd.json'), '{}', { mode: 0o600 });

    const result = await sandbox.run(['cache', 'clear']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Removed 2 cached credential entries for all profiles');
    expect(result.stdout).toContain('Removed 1 cached Vault login token');
    expect(result.stdout).toContain(`Kept ${liveLock}`);
    expect(readdirSync(sandbox.cacheDirectory)).toEqual(['profile-a.json.lock']);
    expect(existsSync(deadLock)).toBe(false);
  });

  it('makes the next call fetch new credentials', async () => {
    const sandbox = await cachedSandbox();
    const before = scenario.vault.count({ method: 'POST', path: 'aws/sts/s3_access' });
    await sandbox.run(['cache', 'clear']);

    const result = await sandbox.run(['credential-process', '--profile', 'a']);

    expect(result.code).toBe(0);
    expect(scenario.vault.count({ method: 'POST', path: 'aws/sts/s3_access' }) - before).toBe(1);
  });
});
