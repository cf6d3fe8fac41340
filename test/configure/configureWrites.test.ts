import { chmod, chown, link, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writePlannedChanges } from '../../src/aws-config/writePlannedChanges';
import { ConfigError } from '../../src/errors';
import { createConfigureSandbox, writeFileIn, type ConfigureSandbox } from './configureSandbox';

const OTHER_USER = 1000;
const runsAsRoot = process.getuid?.() === 0;

let sandbox: ConfigureSandbox;

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

async function errorOf(run: Promise<unknown>): Promise<Error> {
  const error = await run.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).exitCode).toBe(2);
  return error as Error;
}

describe('configure file checks before writing', () => {
  it('rejects a read-only config file', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile other]\n');
    await chmod(sandbox.awsConfig, 0o444);

    const error = await errorOf(sandbox.run({ profile: 'dev', vaultRole: 'dev' }));

    expect(error.message).toContain(`${sandbox.awsConfig} is read-only (mode 0444)`);
    expect(error.message).toContain(`chmod u+w ${sandbox.awsConfig}`);
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('[profile other]\n');
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it('rejects a hard-linked config file', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile other]\n');
    await link(sandbox.awsConfig, join(sandbox.home, 'config-copy'));

    const error = await errorOf(sandbox.run({ profile: 'dev', vaultRole: 'dev' }));

    expect(error.message).toContain('has 2 hard links');
    expect((await stat(sandbox.awsConfig)).nlink).toBe(2);
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it('explains a config path that is a directory', async () => {
    await mkdir(sandbox.awsConfig, { recursive: true });

    const error = await errorOf(sandbox.run({ profile: 'dev', vaultRole: 'dev' }));

    expect(error.message).toContain(`Cannot read ${sandbox.awsConfig}: it is a directory, not a file (EISDIR)`);
  });

  it('explains a directory that cannot be created under /proc', async () => {
    const changes = [{ path: '/proc/vault-aws-missing/config', before: undefined, after: '[profile dev]\n' }];

    const error = await errorOf(writePlannedChanges(changes, 200));

    expect(error.message).toContain('Cannot create the directory of /proc/vault-aws-missing/config');
    expect(error.message).toContain('(ENOENT)');
  });

  it('writes neither file when the second is locked', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile other]\n');
    await writeFile(`${sandbox.awsConfig}.vault-aws.lock`, `${process.pid}\n`);
    const changes = [
      { path: sandbox.profileMap, before: undefined, after: '[profile dev]\nvault_role = dev\n' },
      { path: sandbox.awsConfig, before: '[profile other]\n', after: '[profile other]\n\n[profile dev]\n' },
    ];

    const error = await errorOf(writePlannedChanges(changes, 200));

    expect(error.message).toContain(`Timed out waiting for ${sandbox.awsConfig}.vault-aws.lock`);
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it('writes neither file when the second changed', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile other]\nregion = us-east-1\n');
    const changes = [
      { path: sandbox.profileMap, before: undefined, after: '[profile dev]\nvault_role = dev\n' },
      { path: sandbox.awsConfig, before: '[profile other]\n', after: '[profile other]\n\n[profile dev]\n' },
    ];

    const error = await errorOf(writePlannedChanges(changes));

    expect(error.message).toContain(`${sandbox.awsConfig} changed while configure was running, so configure wrote nothing`);
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it('names the written file when the second write fails', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile other]\n');
    // A directory where the backup goes makes the rename of the backup fail after the checks.
    await mkdir(`${sandbox.awsConfig}.vault-aws.bak`);

    const error = await errorOf(sandbox.run({ profile: 'dev', vaultRole: 'dev' }));

    expect(error.message).toContain(`configure wrote ${sandbox.profileMap}, but writing ${sandbox.awsConfig} failed`);
    expect(error.message).toContain(`(at ${sandbox.awsConfig}.vault-aws.bak)`);
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe('[profile other]\n');
  });
});

describe.runIf(runsAsRoot)('configure as root in a user home', () => {
  it('gives the backup the file owner', async () => {
    await writeFileIn(sandbox.awsConfig, '[profile other]\n');
    await chown(sandbox.awsConfig, OTHER_USER, OTHER_USER);

    await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    expect((await stat(sandbox.awsConfig)).uid).toBe(OTHER_USER);
    expect((await stat(`${sandbox.awsConfig}.vault-aws.bak`)).uid).toBe(OTHER_USER);
    expect((await stat(`${sandbox.awsConfig}.vault-aws.bak`)).gid).toBe(OTHER_USER);
  });

  it('gives new files the directory owner', async () => {
    await chown(sandbox.home, OTHER_USER, OTHER_USER);

    await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    for (const path of [sandbox.awsConfig, dirname(sandbox.awsConfig), sandbox.profileMap, dirname(sandbox.profileMap), dirname(dirname(sandbox.profileMap))]) {
      expect((await stat(path)).uid, path).toBe(OTHER_USER);
    }
  });
});
