import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useScenarioVault } from '../helpers/startScenarioVault';
import { createSandbox, type Sandbox } from '../helpers/sandbox';

const PROFILE = '[profile b-s3]\nvault_role = s3_access\n';

const scenario = useScenarioVault();

/** A sandbox with a valid entry for b-s3 in its cache. */
async function warmSandbox(): Promise<{ sandbox: Sandbox; entry: string; valid: Record<string, unknown> }> {
  const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
  sandbox.writeProfileMap(PROFILE);
  const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);
  expect(result.code).toBe(0);
  const entry = join(sandbox.cacheDirectory, 'profile-b-s3.json');
  return { sandbox, entry, valid: JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown> };
}

function writePrivate(path: string, content: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, content, { mode: 0o600 });
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('hostile cache entries', () => {
  const cases: Array<[string, (valid: Record<string, unknown>) => string]> = [
    ['empty', () => ''],
    ['truncated', (valid) => JSON.stringify(valid).slice(0, 60)],
    ['not JSON', () => 'credentials, trust me'],
    ['an unknown format', (valid) => JSON.stringify({ ...valid, format: 99 })],
    ['huge', (valid) => JSON.stringify({ ...valid, padding: 'x'.repeat(200_000) })],
    ['expired', (valid) => JSON.stringify({ ...valid, fetchedAt: now() - 7200, expiresAt: now() - 3600, ttl: 3600 })],
    ['longer-lived than its lifetime', (valid) => JSON.stringify({ ...valid, fetchedAt: now() + 86_400, expiresAt: now() + 90_000, ttl: 3600 })],
    ['of other settings', (valid) => JSON.stringify({ ...valid, fingerprint: '["https://elsewhere"]' })],
    ['of another profile', (valid) => JSON.stringify({ ...valid, profile: 'other' })],
    ['beyond year 9999', (valid) => JSON.stringify({ ...valid, fetchedAt: 1e13, expiresAt: 1e13 + 3600, ttl: 3600 })],
    ['longer-lived than STS allows', (valid) => JSON.stringify({ ...valid, fetchedAt: now(), expiresAt: now() + 1e12, ttl: 1e12 })],
    ['without a session token', (valid) => JSON.stringify({ ...valid, sessionToken: undefined })],
    ['holding a key with a line break', (valid) => JSON.stringify({ ...valid, accessKeyId: 'ASIA\nKEY' })],
    ['holding an account that is not 12 digits', (valid) => JSON.stringify({ ...valid, accountId: '"; rm -rf /' })],
  ];

  it.each(cases)('replaces an entry that is %s', async (_name, content) => {
    const { sandbox, entry, valid } = await warmSandbox();
    writePrivate(entry, content(valid));
    const before = scenario.stsRequests();

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(scenario.stsRequests() - before).toBe(1);
    const replaced = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
    expect(replaced['accessKeyId']).toBe(JSON.parse(result.stdout).AccessKeyId);
  });

  it.each([
    ['cache', 'list'],
    ['cache', 'list', '--json'],
    ['list'],
  ])('lists an entry beyond year 9999 as not cached: %s %s %s', async (...command) => {
    const { sandbox, entry, valid } = await warmSandbox();
    writePrivate(entry, JSON.stringify({ ...valid, fetchedAt: 1e13, expiresAt: 1e13 + 3600 }));

    const result = await sandbox.run(command);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('+0');
  });

  it('does not follow an entry that is a symbolic link', async () => {
    const { sandbox, entry, valid } = await warmSandbox();
    const target = join(sandbox.home, 'planted.json');
    writeFileSync(target, JSON.stringify({ ...valid, accessKeyId: 'ASIAPLANTEDPLANTED00' }), { mode: 0o600 });
    rmSync(entry);
    symlinkSync(target, entry);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).AccessKeyId).not.toBe('ASIAPLANTEDPLANTED00');
    expect(lstatSync(entry).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(target, 'utf8')).accessKeyId).toBe('ASIAPLANTEDPLANTED00');
  });

  it('discards an entry readable by others and fixes its mode', async () => {
    const { sandbox, entry } = await warmSandbox();
    chmodSync(entry, 0o644);
    const before = scenario.stsRequests();

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(0);
    expect(scenario.stsRequests() - before).toBe(1);
    expect(statSync(entry).mode & 0o777).toBe(0o600);
  });

  it('tightens a cache directory open to others', async () => {
    const { sandbox } = await warmSandbox();
    chmodSync(sandbox.cacheDirectory, 0o755);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.code).toBe(0);
    expect(statSync(sandbox.cacheDirectory).mode & 0o777).toBe(0o700);
  });

  it('rejects a cache directory that is a symbolic link', async () => {
    const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
    sandbox.writeProfileMap(PROFILE);
    const real = join(sandbox.home, 'elsewhere');
    mkdirSync(real, { mode: 0o700 });
    mkdirSync(join(sandbox.home, '.cache'), { recursive: true });
    symlinkSync(real, sandbox.cacheDirectory);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cache directory ${sandbox.cacheDirectory} is a symbolic link`);
    expect(result.stderr).toContain('VAULT_AWS_CACHE_DIR');
  });

  it.runIf(process.getuid?.() === 0)('rejects a cache directory owned by another user', async () => {
    const { sandbox } = await warmSandbox();
    chownSync(sandbox.cacheDirectory, 65534, 65534);

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('belongs to user id 65534');
  });

  it('removes temporary files left by a killed write', async () => {
    const { sandbox } = await warmSandbox();
    const orphan = join(sandbox.cacheDirectory, 'profile-b-s3.json.4242.deadbeef0000.tmp');
    writeFileSync(orphan, '{"format":1', { mode: 0o600 });

    const result = await sandbox.run(['credential-process', '--profile', 'b-s3', '--force-refresh']);

    expect(result.code).toBe(0);
    expect(readdirSync(sandbox.cacheDirectory)).toEqual(['profile-b-s3.json']);
  });
});
