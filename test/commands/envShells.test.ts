import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForChild } from '../helpers/bundleForChild';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { EXAMPLE_CREDENTIALS, seedCacheEntry } from './seedCacheEntry';

const MAP = '[profile hostile]\nvault_role = s3_access\n';
const NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'];

let sandbox: Sandbox;
let canary: string;
let printer: string;
let formatter: string;
let hostile: { accessKeyId: string; secretAccessKey: string; sessionToken: string };

beforeAll(async () => {
  formatter = await bundleForChild(join(__dirname, '../fixtures/formatHostileEnvironment.ts'));
  sandbox = createSandbox();
  sandbox.writeProfileMap(MAP);
  canary = join(sandbox.home, 'CANARY');
  printer = join(sandbox.home, 'printVariables.cjs');
  writeFileSync(printer, `process.stdout.write(JSON.stringify(${JSON.stringify(NAMES)}.map((name) => process.env[name] ?? null)));\n`);

  // Each value tries another way out of its quotes; any that succeeds creates the canary file.
  hostile = {
    accessKeyId: `it's "double" $(touch ${canary}) \`touch ${canary}\` $HOME \${HOME}`,
    secretAccessKey: `back\\slash\\' \\\\' %PATH% !x! ^&|<> ; touch ${canary} # (touch ${canary}) $status`,
    sessionToken: `\u2018curly\u2019 \u201alow\u201b \u2019; touch ${canary}; \u2018 '@; $(touch ${canary}) -n *?[x]`,
  };
  seedCacheEntry(sandbox, MAP, 'hostile');
});

/*
 * The cache and the check of Vault's response accept only printable ASCII without spaces, so `env` never gets
 * values like these; the shells read formatEnvironment's output for them from a fixture instead.
 */
function shellEnvironment(): Record<string, string> {
  return { ...sandbox.env, NODE_BIN: process.execPath, FORMATTER: formatter, VALUES: JSON.stringify(hostile), PRINTER: printer };
}

function formatHostile(format: string, values: object): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [formatter, format, JSON.stringify(values)], { encoding: 'utf8' });
}

function expectVariablesSet(stdout: string): void {
  const values = JSON.parse(stdout) as (string | null)[];
  expect(values[0]).toBe(hostile.accessKeyId);
  expect(values[1]).toBe(hostile.secretAccessKey);
  expect(values[2]).toBe(hostile.sessionToken);
  expect(values[3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(existsSync(canary)).toBe(false);
}

describe('env output in real shells', () => {
  it.each(['/usr/bin/bash', '/usr/bin/dash'])('%s evaluates sh output literally', (shell) => {
    const script = 'eval "$("$NODE_BIN" "$FORMATTER" sh "$VALUES")" && exec "$NODE_BIN" "$PRINTER"';

    const stdout = execFileSync(shell, ['-c', script], { env: shellEnvironment(), encoding: 'utf8' });

    expectVariablesSet(stdout);
  });

  it.skipIf(!existsSync('/usr/bin/fish'))('fish sources fish output literally', () => {
    const script = '$NODE_BIN $FORMATTER fish $VALUES | source; and exec $NODE_BIN $PRINTER';

    const stdout = execFileSync('/usr/bin/fish', ['--no-config', '-c', script], { env: shellEnvironment(), encoding: 'utf8' });

    expectVariablesSet(stdout);
  });

  const pwsh = ['/usr/bin/pwsh', '/opt/microsoft/powershell/7/pwsh'].find((path) => existsSync(path));
  if (pwsh === undefined) {
    console.warn('skipping the PowerShell check: pwsh is not installed, and Debian\'s package repositories do not contain PowerShell');
  }

  it.skipIf(pwsh === undefined)('PowerShell evaluates powershell output literally', () => {
    const script = '& $Env:NODE_BIN $Env:FORMATTER powershell $Env:VALUES | Out-String | Invoke-Expression; & $Env:NODE_BIN $Env:PRINTER';

    const stdout = execFileSync(pwsh as string, ['-NoProfile', '-NonInteractive', '-Command', script], { env: shellEnvironment(), encoding: 'utf8' });

    expectVariablesSet(stdout);
  });

  it.each(['cmd', 'dotenv'])('%s format rejects values it cannot quote', (format) => {
    const result = formatHostile(format, hostile);

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`which --format ${format} cannot quote safely`);
  });
});

describe('env rejects line breaks', () => {
  it.each(['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'])('in %s output', (format) => {
    const result = formatHostile(format, { ...EXAMPLE_CREDENTIALS, sessionToken: 'token\nexport AWS_ACCESS_KEY_ID=stolen' });

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('AWS_SESSION_TOKEN contains a line break');
  });
});

describe('env with plain credentials', () => {
  it('prints dotenv and cmd lines', async () => {
    const plain = createSandbox();
    plain.writeProfileMap(MAP);
    const entry = seedCacheEntry(plain, MAP, 'hostile');

    const dotenv = await plain.run(['env', '--profile', 'hostile', '--format', 'dotenv']);
    const cmd = await plain.run(['env', '--profile', 'hostile', '--format', 'cmd']);

    expect(dotenv.code).toBe(0);
    expect(dotenv.stdout.split('\n')[0]).toBe(`AWS_ACCESS_KEY_ID=${entry.accessKeyId}`);
    expect(dotenv.stdout.split('\n')[2]).toBe(`AWS_SESSION_TOKEN=${entry.sessionToken}`);
    expect(cmd.code).toBe(0);
    expect(cmd.stdout.split('\n')[1]).toBe(`set AWS_SECRET_ACCESS_KEY=${entry.secretAccessKey}`);
  });

  it('warns on stderr when AWS_PROFILE is set', async () => {
    const plain = createSandbox();
    plain.writeProfileMap(MAP);
    seedCacheEntry(plain, MAP, 'hostile');

    const result = await plain.run(['env', '--profile', 'hostile'], { AWS_PROFILE: 'other' });

    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("export AWS_ACCESS_KEY_ID='")).toBe(true);
    expect(result.stderr).toContain('vault-aws: warning: AWS_PROFILE is set to "other"');
  });

  it('rejects an unknown format', async () => {
    const result = await sandbox.run(['env', '--profile', 'hostile', '--format', 'zsh']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('vault-aws: invalid --format "zsh"; use one of sh, fish, powershell, cmd, dotenv, json\n');
  });
});

describe('shell availability', () => {
  it('has bash and dash', () => {
    expect(spawnSync('/usr/bin/bash', ['-c', 'true']).status).toBe(0);
    expect(spawnSync('/usr/bin/dash', ['-c', 'true']).status).toBe(0);
  });
});
