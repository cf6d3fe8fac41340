import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import yargs, { type Argv } from 'yargs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createConfigureCommand, joinProfileValue, toConfigureOptions } from '../../src/commands/configure';
import { UsageError } from '../../src/errors';

/** Parses `argv` with the configure command's options only, without running it. */
async function parseOptions(argv: string[]): Promise<Record<string, unknown>> {
  const command = createConfigureCommand();
  const parser = (command.builder as (parser: Argv<object>) => Argv<Record<string, unknown>>)(yargs(argv).exitProcess(false).fail(false));
  return parser.parseAsync();
}

describe('configureCommand options', () => {
  it('maps every flag to its option', async () => {
    const argv = await parseOptions([
      '--profile', 'dev', '--vault-role', 'role', '--vault-mount', 'aws-dev', '--role-arn', 'arn:aws:iam::123456789012:role/Dev',
      '--ttl', '3600', '--role-session-name', 'jane', '--vault-addr', 'https://vault.example.com', '--vault-namespace', 'team',
      '--region', 'eu-west-1', '--output', 'json', '--dry-run', '--force', '-y',
    ]);

    expect(toConfigureOptions(argv)).toEqual({
      profile: 'dev',
      vaultRole: 'role',
      vaultMount: 'aws-dev',
      roleArn: 'arn:aws:iam::123456789012:role/Dev',
      ttl: '3600',
      roleSessionName: 'jane',
      vaultAddr: 'https://vault.example.com',
      vaultNamespace: 'team',
      region: 'eu-west-1',
      output: 'json',
      dryRun: true,
      force: true,
      yes: true,
    });
  });

  it('reads an empty value as an empty string', async () => {
    expect(toConfigureOptions(await parseOptions(['--profile', 'dev', '--region', '']))).toEqual({ profile: 'dev', region: '' });
  });

  it('takes a profile that begins with a dash', async () => {
    const argv = joinProfileValue(['configure', '--profile', '-x', '--vault-role', 'dev']);

    expect(argv).toEqual(['configure', '--profile=-x', '--vault-role', 'dev']);
    expect(toConfigureOptions(await parseOptions(argv.slice(1))).profile).toBe('-x');
  });

  it('leaves other commands alone', () => {
    expect(joinProfileValue(['env', '--profile', '-x'])).toEqual(['env', '--profile', '-x']);
  });

  it('keeps a numeric-looking ttl a string', async () => {
    expect(toConfigureOptions(await parseOptions(['--ttl', '3600'])).ttl).toBe('3600');
  });
});

describe('configureCommand handler', () => {
  let home: string;
  const savedEnvironment = { ...process.env };

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vault-aws-command-'));
    process.env['HOME'] = home;
    process.env['AWS_CONFIG_FILE'] = join(home, 'aws-config');
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(home, 'aws-credentials');
    process.env['VAULT_AWS_CONFIG_FILE'] = join(home, 'profiles.ini');
  });

  afterEach(async () => {
    process.env = { ...savedEnvironment };
    vi.restoreAllMocks();
    await rm(home, { recursive: true, force: true });
  });

  it('runs configure --remove --dry-run', async () => {
    await mkdir(home, { recursive: true });
    await writeFile(join(home, 'aws-config'), '[profile dev]\ncredential_process = /n /m credential-process --profile dev\nvault_aws_managed = section credential_process\n');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);

    await yargs(['configure', '--remove', '--profile', 'dev', '--dry-run']).command(createConfigureCommand()).exitProcess(false).fail(false).parseAsync();

    expect(written.join('')).toContain('-[profile dev]\n');
  });

  it('passes usage errors to the caller', async () => {
    const run = yargs(['configure', '--remove', '--profile', 'dev', '--vault-role', 'x']).command(createConfigureCommand()).exitProcess(false).fail(false).parseAsync();
    await expect(run).rejects.toThrow(UsageError);
  });
});
