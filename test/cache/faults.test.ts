import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { isolatedSandbox } from '../helpers/isolatedSandbox';
import { CLI, type RunResult, type Sandbox } from '../helpers/sandbox';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
});

afterAll(async () => {
  await vault.close();
});

afterEach(() => {
  vault.clearFaults();
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }

    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Fetches credentials for profile p, then rewrites the entry to have ten minutes left: inside the
 * refresh window, not expired. Returns the first run and the entry path.
 */
async function cacheEntryInsideRefreshWindow(sandbox: Sandbox): Promise<{ first: RunResult; entry: string }> {
  const first = await sandbox.run(['credential-process', '--profile', 'p']);
  const entry = join(sandbox.cacheDirectory, 'profile-p.json');
  const cached = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, number>;
  const now = Math.floor(Date.now() / 1000);
  rmSync(entry);
  writeFileSync(entry, JSON.stringify({ ...cached, fetchedAt: now + 600 - 3600, expiresAt: now + 600, ttl: 3600 }), { mode: 0o600 });
  return { first, entry };
}

describe('cache under load', () => {
  it('makes one Vault request for 64 parallel cold runs', async () => {
    const { sandbox, requests } = isolatedSandbox(vault);
    vault.setFaults({ latencyMs: 500 });

    const results = await Promise.all(Array.from({ length: 64 }, () => sandbox.run(['credential-process', '--profile', 'p'], {}, { timeoutMs: 60_000 })));

    expect(results.filter((result) => result.code !== 0)).toEqual([]);
    expect(results.map((result) => result.stderr).join('')).toBe('');
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(requests()).toBe(1);
  });

  it('does not multiply retries across waiting processes', async () => {
    const { sandbox, requests } = isolatedSandbox(vault);
    vault.setFaults({ latencyMs: 300, status: { code: 502, errors: ['Error assuming role: Throttling: Rate exceeded'] } });

    const results = await Promise.all(Array.from({ length: 8 }, () => sandbox.run(['credential-process', '--profile', 'p'], { VAULT_MAX_RETRIES: '1' })));

    for (const result of results) {
      expect(result.stdout).toBe('');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('HTTP 502');
    }

    // One process asks, with one retry; the seven that waited report its failure.
    expect(requests()).toBe(2);
  });
});

describe('killed processes', () => {
  it('recovers at once from a holder killed during its Vault request', async () => {
    const { sandbox, requests } = isolatedSandbox(vault);
    vault.setFaults({ hang: true });
    const holder = spawn(process.execPath, [CLI, 'credential-process', '--profile', 'p'], { env: sandbox.env, stdio: 'ignore' });
    const lock = join(sandbox.cacheDirectory, 'profile-p.json.lock');
    await waitFor(() => existsSync(lock) && requests() === 1);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    vault.clearFaults();

    const started = Date.now();
    const result = await sandbox.run(['credential-process', '--profile', 'p']);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(lock)).toBe(false);
  });

  it('leaves a whole entry when writers are killed at random moments', async () => {
    const { sandbox } = isolatedSandbox(vault);
    const entry = join(sandbox.cacheDirectory, 'profile-p.json');

    for (let round = 0; round < 12; round += 1) {
      const child = spawn(process.execPath, [CLI, 'credential-process', '--profile', 'p', '--force-refresh'], { env: sandbox.env, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 40 + ((round * 37) % 120)));
      child.kill('SIGKILL');
      await exited;

      if (existsSync(entry)) {
        expect(() => JSON.parse(readFileSync(entry, 'utf8')) as unknown).not.toThrow();
      }
    }

    const result = await sandbox.run(['credential-process', '--profile', 'p', '--force-refresh']);

    expect(result.code).toBe(0);
    expect(readdirSync(sandbox.cacheDirectory).sort()).toEqual(['profile-p.json']);
  });
});

describe('Vault failures with cached credentials', () => {
  it('serves still-valid credentials when the refresh fails, silently', async () => {
    const { sandbox, requests } = isolatedSandbox(vault);
    const { first, entry } = await cacheEntryInsideRefreshWindow(sandbox);
    vault.state.sealed = true;
    const before = requests();

    try {
      const result = await sandbox.run(['credential-process', '--profile', 'p'], { VAULT_MAX_RETRIES: '0' });
      const again = await sandbox.run(['credential-process', '--profile', 'p'], { VAULT_MAX_RETRIES: '0' });

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).AccessKeyId).toBe(JSON.parse(first.stdout).AccessKeyId);
      expect(again.code).toBe(0);
      // The second run is inside the back-off after a failure and does not ask Vault.
      expect(requests() - before).toBe(1);

      const debug = await sandbox.run(['credential-process', '--profile', 'p', '--debug'], { VAULT_MAX_RETRIES: '0' });
      expect(debug.code).toBe(0);
      expect(debug.stderr).toContain('serving cached credentials that are still valid');
    } finally {
      vault.state.sealed = false;
    }
  });

  it('gives a hanging Vault 5 s when cached credentials are still valid', async () => {
    const { sandbox } = isolatedSandbox(vault);
    const { first, entry } = await cacheEntryInsideRefreshWindow(sandbox);
    vault.setFaults({ hang: true });

    const result = await sandbox.run(['credential-process', '--profile', 'p', '--debug'], { VAULT_CLIENT_TIMEOUT: '60s' });

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).AccessKeyId).toBe(JSON.parse(first.stdout).AccessKeyId);
    expect(result.stderr).toContain('refresh failed');
    expect(result.stderr).toContain('timed out after 5 s without a complete response (the 5 s limit on a refresh while cached credentials are still valid)');
  });

  it('serves still-valid credentials when a lock holder takes too long', async () => {
    const { sandbox } = isolatedSandbox(vault);
    const { first, entry } = await cacheEntryInsideRefreshWindow(sandbox);
    vault.setFaults({ hang: true });
    const holder = spawn(process.execPath, [CLI, 'credential-process', '--profile', 'p', '--force-refresh'], { env: { ...sandbox.env, VAULT_CLIENT_TIMEOUT: '60s' }, stdio: 'ignore' });

    try {
      await waitFor(() => existsSync(`${entry}.lock`));
      const result = await sandbox.run(['credential-process', '--profile', 'p', '--debug'], { VAULT_CLIENT_TIMEOUT: '60s' });

      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).AccessKeyId).toBe(JSON.parse(first.stdout).AccessKeyId);
      expect(result.stderr).toContain('timed out waiting for the lock');
      expect(result.stderr).toContain('serving cached credentials that are still valid');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('debug output', () => {
  it('never contains the token or the credentials', async () => {
    const { sandbox } = isolatedSandbox(vault);
    const miss = await sandbox.run(['credential-process', '--profile', 'p', '--debug']);
    const hit = await sandbox.run(['credential-process', '--profile', 'p'], { VAULT_AWS_DEBUG: '1' });
    const printed = JSON.parse(miss.stdout) as Record<string, string>;

    expect(miss.code).toBe(0);
    expect(hit.code).toBe(0);
    expect(miss.stderr).toContain('vault: POST aws/sts/');
    expect(hit.stderr).toContain('cache: hit');
    for (const secret of [vault.rootToken, printed['AccessKeyId'], printed['SecretAccessKey'], printed['SessionToken']]) {
      expect(miss.stderr).not.toContain(secret);
      expect(hit.stderr).not.toContain(secret);
    }
  });
});
