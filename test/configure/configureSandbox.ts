import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { configure, type ConfigureIo, type ConfigureOptions } from '../../src/commands/configure';

/** The installation path that the expected fixtures show. Tests replace it with the sandbox's. */
export const FIXTURE_ENTRY_PATH = '/opt/vault-aws/dist/main.cjs';
export const FIXTURE_NODE_PATH = '/usr/local/bin/node';

/** A temporary HOME with an installed dist/main.cjs and the paths configure reads. */
export interface ConfigureSandbox {
  home: string;
  awsConfig: string;
  awsCredentials: string;
  profileMap: string;
  entryPath: string;
  /** Runs configure on the sandbox's files and returns what it wrote to stdout and stderr. */
  run(options: ConfigureOptions, io?: Pick<ConfigureIo, 'prompter' | 'vaultRoles'>): Promise<{ stdout: string; stderr: string }>;
  /** Replaces the fixture installation path with the sandbox's. */
  withEntryPath(text: string): string;
  remove(): Promise<void>;
}

export async function createConfigureSandbox(): Promise<ConfigureSandbox> {
  const home = await mkdtemp(join(tmpdir(), 'vault-aws-configure-'));
  const entryPath = join(home, 'vault-aws', 'dist', 'main.cjs');
  await mkdir(join(home, 'vault-aws', 'dist'), { recursive: true });
  await writeFile(entryPath, '');

  const sandbox: ConfigureSandbox = {
    home,
    awsConfig: join(home, '.aws', 'config'),
    awsCredentials: join(home, '.aws', 'credentials'),
    profileMap: join(home, '.config', 'vault-aws', 'profiles.ini'),
    entryPath,
    async run(options, io = {}) {
      let stdout = '';
      let stderr = '';
      await configure(
        {
          awsConfigFile: sandbox.awsConfig,
          awsCredentialsFile: sandbox.awsCredentials,
          profileMapFile: sandbox.profileMap,
          nodePath: FIXTURE_NODE_PATH,
          entryPath,
          platform: 'linux',
          env: { HOME: home },
          ...options,
        },
        { ...io, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
      );
      return { stdout, stderr };
    },
    withEntryPath: (text) => text.replaceAll(FIXTURE_ENTRY_PATH, entryPath),
    remove: () => rm(home, { recursive: true, force: true }),
  };

  return sandbox;
}

/** Writes `text` to `path`, creating its directory. */
export async function writeFileIn(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
