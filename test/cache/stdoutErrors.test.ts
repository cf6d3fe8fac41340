import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI, createSandbox, type Sandbox } from '../helpers/sandbox';
import { useScenarioVault } from '../helpers/startScenarioVault';

const scenario = useScenarioVault();

function sandboxWithProfile(): Sandbox {
  const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
  sandbox.writeProfileMap('[profile a]\nvault_role = s3_access\n');
  return sandbox;
}

/** Runs the CLI with stdout on `stdout`: a descriptor, or `closed` for a pipe whose reader has gone. */
function runWithStdout(sandbox: Sandbox, args: string[], stdout: number | 'closed'): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: sandbox.env, stdio: ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'] });
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('stdout that cannot be written', () => {
  it('ends cache list quietly when the reader has gone', async () => {
    const sandbox = sandboxWithProfile();
    expect((await sandbox.run(['credential-process', '--profile', 'a'])).code).toBe(0);

    for (const args of [['cache', 'list'], ['cache', 'list', '--json'], ['credential-process', '--profile', 'a']]) {
      const result = await runWithStdout(sandbox, args, 'closed');

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });

  it('reports a full device in one line on a miss and on a hit', async () => {
    const sandbox = sandboxWithProfile();
    const full = openSync('/dev/full', 'w');
    try {
      const miss = await runWithStdout(sandbox, ['credential-process', '--profile', 'a'], full);
      const requestsAfterMiss = scenario.stsRequests();
      const hit = await runWithStdout(sandbox, ['credential-process', '--profile', 'a', '--debug'], full);
      const list = await runWithStdout(sandbox, ['cache', 'list'], full);

      for (const result of [miss, list]) {
        expect(result.code).toBe(1);
        expect(result.stderr).toBe('vault-aws: writing to stdout failed: ENOSPC\n');
      }

      expect(hit.code).toBe(1);
      expect(hit.stderr).toContain('vault-aws: writing to stdout failed: ENOSPC\n');
      expect(hit.stderr).not.toContain('cache: hit');
      expect(hit.stderr).not.toContain('vault:');
      expect(scenario.stsRequests()).toBe(requestsAfterMiss);
    } finally {
      closeSync(full);
    }
  });
});
