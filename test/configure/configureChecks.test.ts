import { readFile, stat } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConfigError, UsageError } from '../../src/errors';
import { createConfigureSandbox, writeFileIn, type ConfigureSandbox } from './configureSandbox';

let sandbox: ConfigureSandbox;

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

describe('configure conflicting credentials', () => {
  it.each([
    ['static keys', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n', ['aws_access_key_id (line 2)', 'aws_secret_access_key (line 3)']],
    ['SSO keys', 'sso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n', ['sso_session (line 2)', 'sso_account_id (line 3)', 'sso_role_name (line 4)']],
    ['role_arn with source_profile', 'role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base\n', ['role_arn (line 2)', 'source_profile (line 3)']],
    ['another credential_process', 'credential_process = /usr/bin/aws-vault export --format=json dev\n', ['credential_process (line 2)']],
    ['upper-case key names', 'AWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE\n', ['AWS_ACCESS_KEY_ID (line 2)']],
  ])('rejects %s and lists them', async (_kind, keys, listed) => {
    const original = `[profile dev]\n${keys}region = us-east-1\n`;
    await writeFileIn(sandbox.awsConfig, original);

    const error = await sandbox.run({ profile: 'dev', vaultRole: 'dev' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    for (const entry of listed) {
      expect((error as Error).message).toContain(entry);
    }

    expect((error as Error).message).toContain('--force');
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(original);
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it('replaces only the conflicting keys with --force', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile dev]\n# old setup\ncredential_process = /usr/bin/aws-vault export --format=json dev\nsso_region = us-east-1\nregion = us-east-1\n');

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', force: true });

    const line = `/usr/local/bin/node --no-warnings ${sandbox.entryPath} credential-process --profile dev`;
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(`[profile dev]\n# old setup\ncredential_process = ${line}\nregion = us-east-1\nvault_aws_managed = credential_process\n`);
    expect(stderr).toContain('Removed credential_process (line 3), sso_region (line 4)');
  });

  it('says "would remove" under --dry-run', async () => {
    const original = '[profile dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n';
    await writeFileIn(sandbox.awsConfig, original);

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', force: true, dryRun: true });

    expect(stderr).toContain('warning: Would remove aws_access_key_id (line 2)');
    expect(stderr).not.toContain('Removed');
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(original);
  });

  it('accepts its own credential_process', async () => {
    await sandbox.run({ profile: 'dev', vaultRole: 'dev' });
    await expect(sandbox.run({ profile: 'dev', vaultRole: 'other' })).resolves.toBeDefined();
  });
});

describe('configure credentials file check', () => {
  it('warns about static keys for the profile', async () => {
    await writeFileIn(sandbox.awsCredentials, '[other]\naws_access_key_id = A\n\n[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = secret\n');

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    expect(stderr).toContain(`warning: ${sandbox.awsCredentials} sets aws_access_key_id (line 5), aws_secret_access_key (line 6) for profile "dev"`);
    expect(stderr).toContain('instead of credential_process');
  });

  it('stays quiet for other profiles', async () => {
    await writeFileIn(sandbox.awsCredentials, '[other]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev' });
    expect(stderr).not.toContain('warning');
  });
});

describe('configure ttl warning', () => {
  it('warns about a ttl under 30 minutes and writes it', async () => {
    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', ttl: '16m' });

    expect(stderr).toContain('vault-aws: warning: ttl 16m is under 30m');
    expect(stderr).toContain('Pass --ttl 30m or more');
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = dev\nttl = 16m\n');
  });

  it('warns about a short ttl already in the profile map', async () => {
    await writeFileIn(sandbox.profileMap, '[profile dev]\nvault_role = dev\nttl = 20m\n');

    const { stderr } = await sandbox.run({ profile: 'dev', region: 'eu-west-1' });

    expect(stderr).toContain('warning: ttl 20m is under 30m');
  });

  it('stays quiet from 30 minutes on', async () => {
    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', ttl: '30m' });

    expect(stderr).not.toContain('warning');
  });
});

describe('configure usage errors', () => {
  it('requires a profile without a terminal', async () => {
    await expect(sandbox.run({ vaultRole: 'dev' })).rejects.toThrow(UsageError);
  });

  it('requires a Vault role without a terminal', async () => {
    const error = await sandbox.run({ profile: 'dev' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toContain('Missing --vault-role for profile "dev"');
  });

  it('takes the Vault role from the profile map', async () => {
    await sandbox.run({ profile: 'dev', vaultRole: 'dev' });
    await sandbox.run({ profile: 'dev', ttl: '3h' });

    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = dev\nttl = 3h\n');
  });

  it.each([
    [{ profile: 'dev]\n[x', vaultRole: 'dev' }, /line break/],
    [{ profile: 'team;dev', vaultRole: 'dev' }, /";" is part of the INI syntax/],
    [{ profile: 'dev', vaultRole: 'dev\nttl = 1s' }, /--vault-role .* line break/],
    [{ profile: 'dev', vaultRole: 'dev', region: 'eu-west-1\r\n[profile x]' }, /--region .* line break/],
    [{ profile: 'dev', vaultRole: 'dev', ttl: '5m' }, /at least 15 minutes/],
    [{ profile: 'dev', vaultRole: 'dev', ttl: '99999999999999999999' }, /at most 36 hours/],
    [{ profile: 'dev', vaultRole: 'dev', vaultAddr: 'http://h/x y' }, /without spaces/],
    [{ profile: 'dev', vaultRole: 'dev', vaultMount: '//' }, /no name between the slashes/],
    [{ profile: '-x', vaultRole: 'dev' }, /starts with "-"/],
  ])('rejects %j', async (options, message) => {
    await expect(sandbox.run(options)).rejects.toThrow(message);
    await expect(stat(sandbox.awsConfig)).rejects.toThrow(/ENOENT/);
  });
});

describe('configure key case', () => {
  it('lowercases profile map keys', async () => {
    await writeFileIn(sandbox.profileMap, '[profile dev]\nVAULT_ROLE = old\nTtl = 2h ; longer\n');

    await sandbox.run({ profile: 'dev', vaultRole: 'new' });

    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = new\nttl = 2h ; longer\n');
  });
});

describe('configure ownership of existing lines', () => {
  it('keeps an equal credential_process on --remove', async () => {
    const line = `/usr/local/bin/node --no-warnings ${sandbox.entryPath} credential-process --profile dev`;
    const original = `[profile dev]\ncredential_process = ${line} # vault\nregion = us-east-1\n`;
    await writeFileIn(sandbox.awsConfig, original);

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(`[profile dev]\ncredential_process = ${line}\nregion = us-east-1\n`);
    expect(stderr).toContain('Rewrote line 2 as');
    expect(stderr).toContain('botocore reads an inline comment as part of the value');

    await sandbox.run({ profile: 'dev', remove: true });
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(`[profile dev]\ncredential_process = ${line}\nregion = us-east-1\n`);
  });
});

describe('configure repeated profile map section', () => {
  it('rejects and names the lines', async () => {
    const map = '[profile dev]\nvault_role = a\n\n[profile dev]\nttl = 2h\n';
    await writeFileIn(sandbox.profileMap, map);

    const error = await sandbox.run({ profile: 'dev', vaultRole: 'b' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`Profile "dev" has 2 sections in ${sandbox.profileMap} (lines 1, 4)`);
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe(map);
  });
});
