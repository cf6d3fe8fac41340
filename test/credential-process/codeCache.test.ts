import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLI, createSandbox } from '../helpers/sandbox';
import { useScenarioVault } from '../helpers/startScenarioVault';

const DIST = dirname(CLI);

const scenario = useScenarioVault();

describe('the hit path and its code cache', () => {
  it('is accepted by this V8', () => {
    const source = readFileSync(join(DIST, 'hit-path.cjs'), 'utf8');
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

    const script = new Script(wrapped, { filename: join(DIST, 'hit-path.cjs'), cachedData: readFileSync(join(DIST, 'hit-path.cache')) });

    expect(script.cachedDataRejected).toBe(false);
  });

  it('requires only built-in modules', () => {
    for (const file of ['main.cjs', 'hit-path.cjs']) {
      const required = [...readFileSync(join(DIST, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);

      expect(required.length).toBeGreaterThan(0);
      expect(required.every((name) => name?.startsWith('node:'))).toBe(true);
    }
  });

  it('serves a hit the same with a damaged or missing cache', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'vault-aws-dist-')), 'dist');
    cpSync(DIST, copy, { recursive: true });
    const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    const first = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    writeFileSync(join(copy, 'hit-path.cache'), 'not a code cache');

    const damaged = spawnSync(process.execPath, [join(copy, 'main.cjs'), 'credential-process', '--profile', 'b-s3'], { env: sandbox.env, encoding: 'utf8' });
    rmSync(join(copy, 'hit-path.cache'));
    const missing = spawnSync(process.execPath, [join(copy, 'main.cjs'), 'credential-process', '--profile', 'b-s3'], { env: sandbox.env, encoding: 'utf8' });

    expect(first.code).toBe(0);
    for (const result of [damaged, missing]) {
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(first.stdout);
    }
  });
});
