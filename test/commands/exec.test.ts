import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, createSandbox, type RunResult, type Sandbox } from '../helpers/sandbox';
import { EXAMPLE_CREDENTIALS, seedCacheEntry } from './seedCacheEntry';

const MAP = '[profile b-s3]\nvault_role = s3_access\n\n[profile other]\nvault_role = other_access\n';
const NODE = process.execPath;

let sandbox: Sandbox;

/** A script that prints the AWS and vault-aws variables it sees as JSON. */
const PRINT_ENVIRONMENT = `process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(AWS|VAULT_AWS)_/.test(name)))))`;

beforeAll(() => {
  sandbox = createSandbox();
  sandbox.writeProfileMap(MAP);
  seedCacheEntry(sandbox, MAP, 'b-s3');
  seedCacheEntry(sandbox, MAP, 'other');
});

function variablesOf(result: RunResult): Record<string, string> {
  return JSON.parse(result.stdout) as Record<string, string>;
}

describe('exec environment', () => {
  it('sets the credentials and removes the profile variables', async () => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', PRINT_ENVIRONMENT], {
      AWS_PROFILE: 'b-s3',
      AWS_DEFAULT_PROFILE: 'b-s3',
      AWS_SECURITY_TOKEN: 'stale',
    });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const variables = variablesOf(result);
    expect(variables['AWS_ACCESS_KEY_ID']).toBe(EXAMPLE_CREDENTIALS.accessKeyId);
    expect(variables['AWS_SECRET_ACCESS_KEY']).toBe(EXAMPLE_CREDENTIALS.secretAccessKey);
    expect(variables['AWS_SESSION_TOKEN']).toBe(EXAMPLE_CREDENTIALS.sessionToken);
    expect(variables['AWS_CREDENTIAL_EXPIRATION']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(variables['AWS_PROFILE']).toBeUndefined();
    expect(variables['AWS_DEFAULT_PROFILE']).toBeUndefined();
    expect(variables['AWS_SECURITY_TOKEN']).toBeUndefined();
    expect(variables['VAULT_AWS_EXEC_PROFILE']).toBe('b-s3');
    expect(variables['VAULT_AWS_EXEC_DEPTH']).toBe('1');
  });

  it('passes arguments through unchanged', async () => {
    const args = ['--profile', 'x', '$(id)', "it's", ''];

    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '--', ...args]);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(args);
  });

  it('accepts a command without --', async () => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3', '/usr/bin/printenv', 'AWS_ACCESS_KEY_ID']);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${EXAMPLE_CREDENTIALS.accessKeyId}\n`);
  });

  it('runs $SHELL without a command', async () => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3'], { SHELL: '/usr/bin/dash' }, { input: 'printf %s "$AWS_ACCESS_KEY_ID"\n' });

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(EXAMPLE_CREDENTIALS.accessKeyId);
  });

  it('passes on the region of the AWS profile', async () => {
    const regional = createSandbox();
    regional.writeProfileMap(MAP);
    seedCacheEntry(regional, MAP, 'b-s3');
    mkdirSync(dirname(regional.awsConfigPath), { recursive: true });
    writeFileSync(regional.awsConfigPath, '[profile b-s3]\nregion = eu-west-1\n');

    const fromProfile = variablesOf(await regional.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', PRINT_ENVIRONMENT]));
    const fromShell = variablesOf(await regional.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', PRINT_ENVIRONMENT], { AWS_REGION: 'us-east-2' }));

    expect(fromProfile['AWS_REGION']).toBe('eu-west-1');
    expect(fromProfile['AWS_DEFAULT_REGION']).toBe('eu-west-1');
    expect(fromShell['AWS_REGION']).toBe('us-east-2');
    expect(fromShell['AWS_DEFAULT_REGION']).toBeUndefined();
  });
});

describe('exec exit status', () => {
  it.each([0, 3, 255])('exits with the command\'s code %i', async (code) => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', `process.exit(${code})`]);

    expect(result.signal).toBeNull();
    expect(result.code).toBe(code);
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)('dies by %s when the command does', async (signal) => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', `process.kill(process.pid, '${signal}')`]);

    expect(result.code).toBeNull();
    expect(result.signal).toBe(signal);
  });

  it('exits 127 for a command that does not exist', async () => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', 'no-such-command-vault-aws']);

    expect(result.code).toBe(127);
    expect(result.stderr).toContain('cannot run "no-such-command-vault-aws": command not found');
  });

  it('exits 126 for a file that is not executable', async () => {
    const path = join(sandbox.home, 'not-executable');
    writeFileSync(path, '#!/bin/sh\n', { mode: 0o600 });

    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', path]);

    expect(result.code).toBe(126);
    expect(result.stderr).toContain('permission denied or not executable');
  });

  it('fails without running the command when the profile is unknown', async () => {
    const marker = join(sandbox.home, 'ran');

    const result = await sandbox.run(['exec', '--profile', 'missing', '--', NODE, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('profile "missing" is not in the profile map');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('exec nesting', () => {
  it('rejects a different profile inside exec', async () => {
    const result = await sandbox.run(['exec', '--profile', 'other', '--', NODE, '-e', ''], { VAULT_AWS_EXEC_PROFILE: 'b-s3', VAULT_AWS_EXEC_DEPTH: '1' });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('already runs inside "vault-aws exec" for profile "b-s3"');
    expect(result.stderr).toContain('--allow-nested');
  });

  it('allows a different profile with --allow-nested', async () => {
    const result = await sandbox.run(['exec', '--profile', 'other', '--allow-nested', '--', NODE, '-e', PRINT_ENVIRONMENT], {
      VAULT_AWS_EXEC_PROFILE: 'b-s3',
      VAULT_AWS_EXEC_DEPTH: '1',
    });

    expect(result.code).toBe(0);
    expect(variablesOf(result)['VAULT_AWS_EXEC_PROFILE']).toBe('other');
    expect(variablesOf(result)['VAULT_AWS_EXEC_DEPTH']).toBe('2');
  });

  it('allows the same profile inside exec', async () => {
    const inner = [CLI, 'exec', '--profile', 'b-s3', '--', NODE, '-e', PRINT_ENVIRONMENT];

    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', NODE, ...inner]);

    expect(result.code).toBe(0);
    expect(variablesOf(result)['VAULT_AWS_EXEC_DEPTH']).toBe('2');
  });

  it('stops a chain that runs itself', async () => {
    const result = await sandbox.run(['exec', '--profile', 'b-s3', '--', NODE, '-e', ''], { VAULT_AWS_EXEC_PROFILE: 'b-s3', VAULT_AWS_EXEC_DEPTH: '8' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already nested 8 levels deep');
  });
});
