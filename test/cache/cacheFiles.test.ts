import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { entryFileName } from '../../src/cache/cacheEntry';
import { LATEST_EPOCH_SECONDS, MAX_LIFETIME_SECONDS } from '../../src/credentials/credentialLimits';
import { readOnlyMount, unmountAll } from '../helpers/readOnlyMount';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { useScenarioVault } from '../helpers/startScenarioVault';

const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  console.warn('skipping the read-only cache clear test: mounting tmpfs needs root');
}

const scenario = useScenarioVault();

afterEach(() => {
  unmountAll();
});

/** Creates a sandbox whose profile map maps each of `profiles` to the scenario role. */
function sandboxWith(...profiles: string[]): Sandbox {
  const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
  sandbox.writeProfileMap(profiles.map((profile) => `[profile ${profile}]\nvault_role = s3_access\n`).join('\n'));
  return sandbox;
}

async function cache(sandbox: Sandbox, profile: string): Promise<string> {
  const result = await sandbox.run(['credential-process', '--profile', profile]);
  expect(result.code).toBe(0);
  return join(sandbox.cacheDirectory, entryFileName(profile));
}

describe('file names of profiles', () => {
  it('caches a profile with a 300-character name', async () => {
    const profile = `team.${'x'.repeat(295)}`;
    const sandbox = sandboxWith(profile);
    const before = scenario.stsRequests();

    const first = await sandbox.run(['credential-process', '--profile', profile]);
    const second = await sandbox.run(['credential-process', '--profile', profile]);
    const listed = JSON.parse((await sandbox.run(['cache', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;

    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(scenario.stsRequests() - before).toBe(1);
    expect(readdirSync(sandbox.cacheDirectory).every((name) => name.length <= 200)).toBe(true);
    expect(listed).toMatchObject([{ profile, state: 'fresh' }]);
  });

  it('clears one profile without touching a profile named like its files', async () => {
    const sandbox = sandboxWith('a', 'a.json.x');
    await cache(sandbox, 'a');
    const other = await cache(sandbox, 'a.json.x');

    const result = await sandbox.run(['cache', 'clear', '--profile', 'a']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Removed 1 cached credential entry');
    expect(readdirSync(sandbox.cacheDirectory)).toEqual([entryFileName('a.json.x')]);
    expect(existsSync(other)).toBe(true);
  });

  it('keeps temporary files of a profile named like another profile\'s files', async () => {
    const sandbox = sandboxWith('a');
    await cache(sandbox, 'a');
    const foreign = join(sandbox.cacheDirectory, `${entryFileName('a.json.x')}.4242.deadbeef0000.tmp`);
    writeFileSync(foreign, '{"format":1', { mode: 0o600 });

    const result = await sandbox.run(['credential-process', '--profile', 'a', '--force-refresh']);

    expect(result.code).toBe(0);
    expect(existsSync(foreign)).toBe(true);
  });
});

describe('cache list', () => {
  it('names each entry by its profile field and escapes it', async () => {
    const sandbox = sandboxWith('a', 'b');
    const entry = await cache(sandbox, 'a');
    const valid = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
    // A copy under another profile's name, and an entry whose profile contains a line break and an escape sequence.
    writeFileSync(join(sandbox.cacheDirectory, entryFileName('b')), JSON.stringify(valid), { mode: 0o600 });
    const hostile = 'x\n\u001b[31mred\u202e';
    writeFileSync(join(sandbox.cacheDirectory, entryFileName(hostile)), JSON.stringify({ ...valid, profile: hostile }), { mode: 0o600 });

    const table = await sandbox.run(['cache', 'list']);
    const listed = JSON.parse((await sandbox.run(['cache', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;

    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(table.stdout).toContain('x??[31mred?');
    expect(table.stdout.split('\n').filter((line) => line.startsWith('a '))).toHaveLength(2);
    expect(listed.map((status) => [status['profile'], status['state']])).toEqual([
      ['a', 'fresh'],
      ['a', 'invalid'],
      [hostile, 'fresh'],
    ]);
    expect(String(listed[1]?.['problem'])).toContain(`stored under the file name ${entryFileName('b')}`);
  });

  it('lists an entry open to others as invalid and leaves it', async () => {
    const sandbox = sandboxWith('a');
    const entry = await cache(sandbox, 'a');
    chmodSync(entry, 0o644);

    const listed = JSON.parse((await sandbox.run(['cache', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    const profiles = await sandbox.run(['list', '--json']);

    expect(listed).toMatchObject([{ profile: 'a', state: 'invalid', problem: 'entry is accessible to other users (mode 0644)' }]);
    expect(profiles.code).toBe(0);
    expect(statSync(entry).mode & 0o777).toBe(0o644);
  });
});

describe('entries at the limits of the format', () => {
  const now = Math.floor(Date.now() / 1000);
  const limits: Array<[string, Record<string, unknown>]> = [
    ['the first second of the epoch', { fetchedAt: 1, ttl: 1, expiresAt: 2 }],
    ['the last second of year 9999', { fetchedAt: LATEST_EPOCH_SECONDS - MAX_LIFETIME_SECONDS, ttl: MAX_LIFETIME_SECONDS, expiresAt: LATEST_EPOCH_SECONDS }],
    ['the longest lifetime, fresh', { fetchedAt: now, ttl: MAX_LIFETIME_SECONDS, expiresAt: now + MAX_LIFETIME_SECONDS }],
    ['a one-second lifetime, now', { fetchedAt: now, ttl: 1, expiresAt: now + 1 }],
    ['no account', { accountId: undefined }],
  ];

  it.each(limits)('are listed and replaced at %s', async (_name, fields) => {
    const sandbox = sandboxWith('a');
    const entry = await cache(sandbox, 'a');
    const valid = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
    writeFileSync(entry, JSON.stringify({ ...valid, ...fields }), { mode: 0o600 });

    for (const command of [['cache', 'list'], ['cache', 'list', '--json'], ['list'], ['list', '--json'], ['env', '--profile', 'a']]) {
      const result = await sandbox.run(command);

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });
});

describe('hard-linked entries', () => {
  it('are not served and lose their name in the cache', async () => {
    const sandbox = sandboxWith('a');
    const entry = await cache(sandbox, 'a');
    const copy = join(sandbox.home, 'copy.json');
    linkSync(entry, copy);
    const before = scenario.stsRequests();

    const listed = JSON.parse((await sandbox.run(['cache', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    const result = await sandbox.run(['credential-process', '--profile', 'a']);

    expect(listed).toMatchObject([{ profile: 'a', state: 'invalid', problem: 'entry has 2 hard links' }]);
    expect(result.code).toBe(0);
    expect(scenario.stsRequests() - before).toBe(1);
    expect(statSync(entry).nlink).toBe(1);
    expect(statSync(entry).ino).not.toBe(statSync(copy).ino);
  });
});

describe('cache clear failures', () => {
  it('reports an entry that is a non-empty directory and removes an empty one', async () => {
    const sandbox = sandboxWith('a', 'b');
    await cache(sandbox, 'b');
    const full = join(sandbox.cacheDirectory, entryFileName('a'));
    mkdirSync(join(full, 'inside'), { recursive: true });
    const empty = join(sandbox.cacheDirectory, `${entryFileName('b')}.failure`);
    mkdirSync(empty);

    const doctor = await sandbox.run(['doctor']);
    const result = await sandbox.run(['cache', 'clear']);

    expect(doctor.stdout).toContain(`${entryFileName('a')} (directory)`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Removed 1 cached credential entry');
    expect(result.stderr).toBe(`vault-aws: could not remove ${full}: ENOTEMPTY; remove it by hand, or check the permissions and mount of the cache directory\n`);
    expect(readdirSync(sandbox.cacheDirectory)).toEqual([entryFileName('a')]);
  });

  it.runIf(isRoot)('reports files on a read-only file system', async () => {
    const sandbox = sandboxWith('a');
    readOnlyMount(sandbox.cacheDirectory, () => {
      writeFileSync(join(sandbox.cacheDirectory, entryFileName('a')), '{}', { mode: 0o600 });
    });

    const result = await sandbox.run(['cache', 'clear']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`could not remove ${join(sandbox.cacheDirectory, entryFileName('a'))}: EROFS`);
    expect(result.stdout).toContain('Removed 0 cached credential entries');
  });
});
