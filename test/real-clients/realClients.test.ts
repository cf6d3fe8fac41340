import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VaultEmulator } from '../emulator';
import { SCENARIO_ROLE_ARN, startScenarioVault } from '../helpers/startScenarioVault';
import { hasAwsCli, hasBoto3 } from '../helpers/requireTool';
import { CLI, createSandbox, type Sandbox } from '../helpers/sandbox';

const run = promisify(execFile);
const ROLE_ARN = SCENARIO_ROLE_ARN;

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startScenarioVault();
});

afterAll(async () => {
  await vault.close();
});

/** A sandbox whose AWS config runs the built command for `b-s3`, optionally through a counting wrapper. */
function scenario(options: { countRuns?: boolean } = {}): Sandbox & { runCount(): number } {
  const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
  sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
  const counter = join(sandbox.home, 'runs');
  writeFileSync(counter, '');

  let command = `${process.execPath} ${CLI} credential-process --profile b-s3`;
  if (options.countRuns === true) {
    const wrapper = join(sandbox.home, 'counting-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho run >> ${counter}\nexec ${command}\n`);
    chmodSync(wrapper, 0o755);
    command = wrapper;
  }

  mkdirSync(dirname(sandbox.awsConfigPath), { recursive: true });
  writeFileSync(sandbox.awsConfigPath, `[profile b-s3]\ncredential_process = ${command}\nregion = eu-west-1\n`);
  return { ...sandbox, runCount: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length };
}

describe('AWS SDK for JavaScript v3', () => {
  it('resolves the profile through fromIni', async () => {
    const sandbox = scenario();
    const saved = { ...process.env };
    Object.assign(process.env, sandbox.env);
    try {
      const before = vault.count({ method: 'POST', path: 'aws/sts/s3_access' });
      const credentials = await fromIni({ profile: 'b-s3', ignoreCache: true })();

      expect(credentials.accessKeyId).toMatch(/^ASIA/);
      expect(credentials.sessionToken).toBeTruthy();
      expect(credentials.expiration?.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
      expect(vault.count({ method: 'POST', path: 'aws/sts/s3_access' }) - before).toBe(1);

      const again = await fromIni({ profile: 'b-s3', ignoreCache: true })();
      expect(again.accessKeyId).toBe(credentials.accessKeyId);
      expect(vault.count({ method: 'POST', path: 'aws/sts/s3_access' }) - before).toBe(1);
    } finally {
      process.env = saved;
    }
  });
});

describe.runIf(hasAwsCli())('AWS CLI v2', () => {
  it('exports the credentials of the profile', async () => {
    const sandbox = scenario();

    const { stdout, stderr } = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'b-s3', '--format', 'process'], { env: sandbox.env });
    const direct = await sandbox.run(['credential-process', '--profile', 'b-s3']);

    expect(stderr).toBe('');
    const exported = JSON.parse(stdout) as Record<string, unknown>;
    const printed = JSON.parse(direct.stdout) as Record<string, unknown>;
    expect(exported['AccessKeyId']).toBe(printed['AccessKeyId']);
    expect(exported['SecretAccessKey']).toBe(printed['SecretAccessKey']);
    expect(exported['SessionToken']).toBe(printed['SessionToken']);
    expect(Date.parse(String(exported['Expiration']))).toBe(Date.parse(String(printed['Expiration'])));
  });

  it('shows the failure message of vault-aws', async () => {
    const sandbox = scenario();
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = missing_role\n');

    const failure = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'b-s3'], { env: sandbox.env }).catch((error: unknown) => error as { code: number; stdout: string; stderr: string });

    expect('code' in failure && failure.code).not.toBe(0);
    expect(failure.stdout).toBe('');
    expect(failure.stderr).toContain('Role "missing_role" not found');
  });
});

describe.runIf(hasBoto3())('boto3', () => {
  it('runs the process once for a session that reads credentials repeatedly', async () => {
    const sandbox = scenario({ countRuns: true });
    const script = [
      'import boto3, json',
      "session = boto3.Session(profile_name='b-s3')",
      'credentials = session.get_credentials()',
      'keys = {credentials.get_frozen_credentials().access_key for _ in range(5)}',
      "print(json.dumps({'keys': sorted(keys), 'method': credentials.method}))",
    ].join('\n');

    const { stdout } = await run('/usr/bin/python3', ['-c', script], { env: sandbox.env });
    const result = JSON.parse(stdout) as { keys: string[]; method: string };

    expect(result.method).toBe('custom-process');
    expect(result.keys).toHaveLength(1);
    expect(result.keys[0]).toMatch(/^ASIA/);
    expect(sandbox.runCount()).toBe(1);
  });
});
