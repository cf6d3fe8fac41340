import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOnlyMount, unmountAll } from '../helpers/readOnlyMount';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { useScenarioVault } from '../helpers/startScenarioVault';

const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  console.warn('skipping the read-only cache directory tests: mounting tmpfs needs root');
}

const scenario = useScenarioVault();

afterEach(() => {
  unmountAll();
});

function sandboxWithProfile(): Sandbox {
  const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
  sandbox.writeProfileMap('[profile a]\nvault_role = s3_access\n');
  return sandbox;
}

describe.runIf(isRoot)('read-only cache directories', () => {
  it('names the error and a working fix when chmod fails', async () => {
    const sandbox = sandboxWithProfile();
    const directory = join(sandbox.home, 'mounted');
    readOnlyMount(directory, () => {
      mkdirSync(join(directory, 'vault-aws'), { mode: 0o755 });
    });

    const result = await sandbox.run(['credential-process', '--profile', 'a'], { VAULT_AWS_CACHE_DIR: join(directory, 'vault-aws') });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('chmod 700 failed (EROFS)');
    expect(result.stderr).toContain('set VAULT_AWS_CACHE_DIR to a directory of your own');
  });

  it('reports EROFS when a parent cannot be created', async () => {
    const sandbox = sandboxWithProfile();
    const directory = join(sandbox.home, 'mounted');
    readOnlyMount(directory, () => undefined);

    const result = await sandbox.run(['credential-process', '--profile', 'a', '--debug'], { VAULT_AWS_CACHE_DIR: join(directory, 'deeper', 'vault-aws') });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`(EROFS on ${join(directory, 'deeper')}); continuing without the cache`);
  });
});

describe('relative path variables', () => {
  it.each(['VAULT_AWS_CACHE_DIR', 'VAULT_AWS_CONFIG_FILE'])('rejects a relative %s', async (name) => {
    const sandbox = sandboxWithProfile();

    for (const command of [['credential-process', '--profile', 'a'], ['cache', 'list']]) {
      const result = await sandbox.run(command, { [name]: 'relative/dir' });

      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${name}="relative/dir" is a relative path`);
    }
  });

  it('rejects a ~USER path with its own message', async () => {
    const sandbox = sandboxWithProfile();

    const result = await sandbox.run(['credential-process', '--profile', 'a'], { VAULT_AWS_CACHE_DIR: '~root/cache' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('VAULT_AWS_CACHE_DIR="~root/cache" starts with ~USER');
  });
});

describe('cache directories that cannot exist', () => {
  it('prints credentials for a cache directory under /proc', async () => {
    const sandbox = sandboxWithProfile();

    const result = await sandbox.run(['credential-process', '--profile', 'a'], { VAULT_AWS_CACHE_DIR: '/proc/vault-aws-missing/cache' }, { timeoutMs: 20_000 });

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toHaveProperty('AccessKeyId');
  });
});
