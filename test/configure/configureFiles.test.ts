import { chmod, lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { configure } from '../../src/commands/configure';
import { createConfigureSandbox, FIXTURE_NODE_PATH, type ConfigureSandbox } from './configureSandbox';

let sandbox: ConfigureSandbox;

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

async function writeAwsConfig(text: string, mode = 0o644): Promise<void> {
  await mkdir(dirname(sandbox.awsConfig), { recursive: true });
  await writeFile(sandbox.awsConfig, text);
  await chmod(sandbox.awsConfig, mode);
}

describe('configure files', () => {
  it('creates both files with mode 0600', async () => {
    await sandbox.run({ profile: 'dev', vaultRole: 'dev-role', ttl: '2h' });

    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = dev-role\nttl = 2h\n');
    expect((await stat(sandbox.profileMap)).mode & 0o777).toBe(0o600);
    expect((await stat(sandbox.awsConfig)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(sandbox.awsConfig))).mode & 0o777).toBe(0o700);
  });

  it('writes through a symlinked config', async () => {
    const target = join(sandbox.home, 'dotfiles', 'aws', 'config');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, '[profile other]\nregion = us-east-1\n');
    await chmod(target, 0o640);
    await mkdir(dirname(sandbox.awsConfig), { recursive: true });
    await symlink('../dotfiles/aws/config', sandbox.awsConfig);

    await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    expect((await lstat(sandbox.awsConfig)).isSymbolicLink()).toBe(true);
    expect(await readlink(sandbox.awsConfig)).toBe('../dotfiles/aws/config');
    expect(await readFile(target, 'utf8')).toContain('[profile dev]\ncredential_process = ');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('keeps the mode and a 0600 backup', async () => {
    await writeAwsConfig('[profile other]\nregion = us-east-1\n', 0o644);

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    expect((await stat(sandbox.awsConfig)).mode & 0o777).toBe(0o644);
    expect(await readFile(`${sandbox.awsConfig}.vault-aws.bak`, 'utf8')).toBe('[profile other]\nregion = us-east-1\n');
    expect((await stat(`${sandbox.awsConfig}.vault-aws.bak`)).mode & 0o777).toBe(0o600);
    expect(stderr).toContain(`Wrote ${sandbox.awsConfig} (previous content saved as ${sandbox.awsConfig}.vault-aws.bak)`);
  });

  it('follows AWS_CONFIG_FILE with ~', async () => {
    await configure(
      { profile: 'dev', vaultRole: 'dev', nodePath: FIXTURE_NODE_PATH, entryPath: sandbox.entryPath, platform: 'linux', env: { HOME: sandbox.home, AWS_CONFIG_FILE: '~/custom/aws-config' } },
      { stdout: { write: () => true }, stderr: { write: () => true } },
    );

    expect(await readFile(join(sandbox.home, 'custom', 'aws-config'), 'utf8')).toContain('[profile dev]');
    expect(await readFile(join(sandbox.home, '.config', 'vault-aws', 'profiles.ini'), 'utf8')).toBe('[profile dev]\nvault_role = dev\n');
  });

  it('keeps the rest of the profile map', async () => {
    const map = '# vault-aws profiles\r\n[vault]\r\naddr = https://vault.example.com:8200\r\n\r\n[profile dev]\r\nvault_role = dev\r\nttl = 90m ; short\r\n';
    await mkdir(dirname(sandbox.profileMap), { recursive: true });
    await writeFile(sandbox.profileMap, map);

    await sandbox.run({ profile: 'dev', ttl: '4h', roleArn: 'arn:aws:iam::123456789012:role/Dev' });

    expect(await readFile(sandbox.profileMap, 'utf8')).toBe(map.replace('ttl = 90m ; short\r\n', 'ttl = 4h ; short\r\nrole_arn = arn:aws:iam::123456789012:role/Dev\r\n'));
  });

  it('quotes an installation path with spaces and warns', async () => {
    const entryPath = join(sandbox.home, 'My Tools', 'dist', 'main.cjs');
    await mkdir(dirname(entryPath), { recursive: true });
    await writeFile(entryPath, '');

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', entryPath });

    expect(await readFile(sandbox.awsConfig, 'utf8')).toContain(`credential_process = ${FIXTURE_NODE_PATH} --no-warnings '${entryPath}' credential-process --profile dev\n`);
    expect(stderr).toContain('warning: The credential_process line quotes');
  });

  it('rejects a missing entry file', async () => {
    await expect(sandbox.run({ profile: 'dev', vaultRole: 'dev', entryPath: join(sandbox.home, 'missing', 'main.cjs') })).rejects.toThrow(/does not exist.*npm run build/);
  });
});

describe('configure --dry-run', () => {
  it('prints both diffs and writes nothing', async () => {
    await writeAwsConfig('[profile other]\nregion = us-east-1\n');

    const { stdout } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', dryRun: true });

    expect(stdout).toContain(`--- /dev/null\n+++ ${sandbox.profileMap}\n`);
    expect(stdout).toContain('+[profile dev]\n+vault_role = dev\n');
    expect(stdout).toContain(`--- ${sandbox.awsConfig}\n+++ ${sandbox.awsConfig}\n`);
    expect(stdout).toContain('+vault_aws_managed = section credential_process\n');
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('[profile other]\nregion = us-east-1\n');
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });
});

describe('configure --remove', () => {
  it('removes the profile from both files', async () => {
    await writeAwsConfig('# mine\n[profile other]\nregion = us-east-1\n');
    await sandbox.run({ profile: 'dev', vaultRole: 'dev', region: 'eu-west-1' });

    const { stderr } = await sandbox.run({ profile: 'dev', remove: true });

    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('# mine\n[profile other]\nregion = us-east-1\n');
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('');
    expect(stderr).toContain(`Removed credential_process, region and the vault_aws_managed marker from profile "dev" in ${sandbox.awsConfig}.`);
    expect(stderr).toContain(`Removed [profile dev] from ${sandbox.profileMap}.`);
    expect(stderr).toContain(`${sandbox.profileMap} is now empty (0 bytes). configure leaves it in place`);
  });

  it('keeps keys configure did not add', async () => {
    await writeAwsConfig('[profile dev]\nregion = us-east-1\ncli_pager =\n');
    await sandbox.run({ profile: 'dev', vaultRole: 'dev', region: 'eu-west-1', output: 'json' });

    await sandbox.run({ profile: 'dev', remove: true });

    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('[profile dev]\nregion = eu-west-1\ncli_pager =\n');
  });

  it('reports a profile with nothing to remove', async () => {
    await writeAwsConfig('[profile dev]\nregion = us-east-1\n');

    const { stderr } = await sandbox.run({ profile: 'dev', remove: true });

    expect(stderr).toContain('Profile "dev" has nothing written by vault-aws');
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('[profile dev]\nregion = us-east-1\n');
  });

  it('rejects value options', async () => {
    await expect(sandbox.run({ profile: 'dev', remove: true, vaultRole: 'dev' })).rejects.toMatchObject({ exitCode: 2 });
  });
});
