import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { VaultRoleSource } from '../../src/aws-config/vaultRoleSource';
import { ConfigError } from '../../src/errors';
import { NoTokenError } from '../../src/vault/findToken';
import { createConfigureSandbox, type ConfigureSandbox } from './configureSandbox';
import { scriptedPrompter } from './scriptedPrompter';

let sandbox: ConfigureSandbox;

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

const vault: VaultRoleSource = {
  listRoles: async (mount) => (mount === 'aws' ? ['dev', 'prod'] : []),
  readRoleArns: async (_mount, role) => (role === 'prod' ? ['arn:aws:iam::111111111111:role/Prod', 'arn:aws:iam::222222222222:role/Prod'] : ['arn:aws:iam::111111111111:role/Dev']),
};

describe('configure on a terminal', () => {
  it('offers the Vault roles and ARNs', async () => {
    const prompter = scriptedPrompter(['', '2', '2', 'eu-west-1']);
    const targets: unknown[] = [];

    const { stdout, stderr } = await sandbox.run(
      { profile: 'dev', vaultAddr: 'https://vault.example.com' },
      {
        prompter,
        vaultRoles: async (target) => {
          targets.push(target);
          return vault;
        },
      },
    );

    expect(prompter.questions).toEqual([
      'Vault AWS secrets engine mount [aws]',
      'Vault role (number or name)',
      'IAM role ARN (number or ARN)',
      'AWS region (empty for none)',
      'Write these changes?',
    ]);
    expect(targets).toEqual([{ vaultAddr: 'https://vault.example.com' }]);
    expect(stderr).toContain('  1) dev\n  2) prod\n');
    expect(stderr).toContain('  2) arn:aws:iam::222222222222:role/Prod\n');
    expect(stdout).toContain('+vault_role = prod\n');
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe(
      '[profile dev]\nvault_role = prod\nrole_arn = arn:aws:iam::222222222222:role/Prod\nvault_addr = https://vault.example.com\n',
    );
    expect(await readFile(sandbox.awsConfig, 'utf8')).toContain('region = eu-west-1\n');
  });

  it('skips the ARN for a single-ARN role', async () => {
    const prompter = scriptedPrompter(['', 'dev', '']);

    await sandbox.run({ profile: 'dev' }, { prompter, vaultRoles: async () => vault });

    expect(prompter.questions).toEqual(['Vault AWS secrets engine mount [aws]', 'Vault role (number or name)', 'AWS region (empty for none)', 'Write these changes?']);
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = dev\n');
  });

  it('asks for the ARN of a given multi-ARN role', async () => {
    const prompter = scriptedPrompter(['1']);

    await sandbox.run({ profile: 'dev', vaultRole: 'prod', region: 'eu-west-1' }, { prompter, vaultRoles: async () => vault });

    expect(prompter.questions).toEqual(['IAM role ARN (number or ARN)', 'Write these changes?']);
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = prod\nrole_arn = arn:aws:iam::111111111111:role/Prod\n');
  });

  it('shows current values as defaults', async () => {
    await sandbox.run({ profile: 'dev', vaultRole: 'dev', vaultMount: 'aws-dev', region: 'us-east-2' });
    const prompter = scriptedPrompter(['', '', '', '']);

    const { stderr } = await sandbox.run({ profile: 'dev' }, { prompter });

    expect(prompter.questions.slice(0, 4)).toEqual([
      'Vault AWS secrets engine mount [aws-dev]',
      'Vault role [dev]',
      'IAM role ARN (empty when the Vault role has a single ARN)',
      'AWS region (empty for none) [us-east-2]',
    ]);
    expect(stderr).toContain('is already up to date');
  });

  it('asks for the profile name', async () => {
    const prompter = scriptedPrompter(['bad name', 'team.dev', '', 'dev', '', '']);

    const { stderr } = await sandbox.run({}, { prompter });

    expect(prompter.questions[0]).toBe('AWS profile name');
    expect(prompter.questions[1]).toBe('AWS profile name');
    expect(stderr).toContain('Invalid profile name "bad name"');
    expect(await readFile(sandbox.awsConfig, 'utf8')).toContain('[profile team.dev]\n');
  });

  it('asks again for a role Vault did not list', async () => {
    const prompter = scriptedPrompter(['', 'y', '9', 'dev', '']);

    const { stderr } = await sandbox.run({ profile: 'dev' }, { prompter, vaultRoles: async () => vault });

    expect(stderr).toContain('"y" is not in aws/; type a number from 1 to 2 or one of: dev, prod.');
    expect(stderr).toContain('"9" is not in aws/');
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = dev\n');
  });

  it('asks again after an invalid answer', async () => {
    const prompter = scriptedPrompter(['', 'dev', 'not-an-arn', 'arn:aws:iam::123456789012:role/Dev', '']);

    const { stderr } = await sandbox.run({ profile: 'dev' }, { prompter });

    expect(stderr).toContain('Invalid --role-arn "not-an-arn"');
    expect(await readFile(sandbox.profileMap, 'utf8')).toContain('role_arn = arn:aws:iam::123456789012:role/Dev\n');
  });

  it('falls back to typing when Vault fails', async () => {
    const failing: VaultRoleSource = {
      listRoles: async () => {
        throw new Error('permission denied');
      },
      readRoleArns: async () => [],
    };
    const prompter = scriptedPrompter(['', 'dev', '']);

    const { stderr } = await sandbox.run({ profile: 'dev' }, { prompter, vaultRoles: async () => failing });

    expect(stderr).toContain('Could not list the roles of aws: permission denied. Type the value instead.');
    expect(await readFile(sandbox.profileMap, 'utf8')).toBe('[profile dev]\nvault_role = dev\n');
  });

  it('ends the Vault failure with one period', async () => {
    const failing: VaultRoleSource = {
      listRoles: async () => {
        throw new Error('HTTP 404: route entry not found.');
      },
      readRoleArns: async () => [],
    };
    const prompter = scriptedPrompter(['', 'dev', '']);

    const { stderr } = await sandbox.run({ profile: 'dev' }, { prompter, vaultRoles: async () => failing });

    expect(stderr).toContain('Could not list the roles of aws: HTTP 404: route entry not found. Type the value instead.');
  });

  it('says why roles are not listed without a token', async () => {
    const prompter = scriptedPrompter(['', 'dev', '', '']);
    const vaultRoles = async (): Promise<VaultRoleSource> => {
      throw new NoTokenError('no Vault token found (checked VAULT_TOKEN (unset))');
    };

    const { stderr } = await sandbox.run({ profile: 'dev' }, { prompter, vaultRoles });

    expect(stderr).toContain('no Vault token found (checked VAULT_TOKEN (unset)), so Vault roles and ARNs cannot be listed; type the values.\n');
    expect(prompter.questions[1]).toBe('Vault role');
  });

  it('writes nothing when the answer is no', async () => {
    const prompter = scriptedPrompter([], false);

    const { stdout, stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev', vaultMount: 'aws', region: 'eu-west-1' }, { prompter });

    expect(stdout).toContain('+[profile dev]\n');
    expect(stderr).toContain('Nothing written.');
    await expect(stat(sandbox.awsConfig)).rejects.toThrow(/ENOENT/);
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it('writes without asking with --yes', async () => {
    const prompter = scriptedPrompter([]);

    await sandbox.run({ profile: 'dev', vaultRole: 'dev', vaultMount: 'aws', region: 'eu-west-1', yes: true }, { prompter });

    expect(prompter.questions).toEqual([]);
    expect(await readFile(sandbox.awsConfig, 'utf8')).toContain('[profile dev]\n');
  });

  it('stops when the file changes before the answer', async () => {
    await mkdir(dirname(sandbox.awsConfig), { recursive: true });
    await writeFile(sandbox.awsConfig, '[profile other]\n');
    const prompter = scriptedPrompter([], async () => {
      await writeFile(sandbox.awsConfig, '[profile other]\nregion = us-east-1\n');
      return true;
    });

    const run = sandbox.run({ profile: 'dev', vaultRole: 'dev', vaultMount: 'aws', region: 'eu-west-1' }, { prompter });

    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/changed while configure was running/);
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('[profile other]\nregion = us-east-1\n');
  });
});
