import { existsSync } from 'node:fs';

import { ConfigError } from '../errors';
import type { ConfigureValues } from './configureValues';
import { buildCredentialProcessLine, installationPaths } from './credentialProcessLine';
import { planConfigure, type ConfigureFiles, type ConfigurePlan } from './planConfigure';
import type { Prompter } from './prompter';
import { resolveConfigureValues } from './resolveConfigureValues';
import type { VaultRoleSourceFactory } from './vaultRoleSource';

export interface ProfileUpdateInput {
  profile: string;
  flagValues: ConfigureValues;
  files: ConfigureFiles;
  force: boolean;
  dryRun: boolean;
  /** Node.js binary and `dist/main.cjs`; this installation's when unset. */
  installation: { nodePath: string; entryPath: string } | undefined;
  platform: NodeJS.Platform;
  prompter: Prompter | undefined;
  vaultRoles: VaultRoleSourceFactory | undefined;
  stderr: { write(text: string): unknown };
}

/**
 * Resolves the values (asking on a terminal), builds the credential_process line for this
 * installation and plans both files. Warnings about the Vault role check come first, then those
 * about the line.
 */
export async function planProfileUpdate(input: ProfileUpdateInput): Promise<ConfigurePlan> {
  const { profile, files } = input;
  const { values, warnings } = await resolveConfigureValues(profile, input.flagValues, {
    files,
    prompter: input.prompter,
    vaultRoles: input.vaultRoles,
    stderr: input.stderr,
  });

  const installation = input.installation ?? installationPaths();
  if (!existsSync(installation.entryPath)) {
    throw new ConfigError(`The vault-aws entry file ${installation.entryPath} does not exist, so the credential_process line could not run it. Run npm run build, or reinstall vault-aws.`);
  }

  const line = buildCredentialProcessLine({ ...installation, profile, platform: input.platform });
  const plan = planConfigure({ profile, values, credentialProcess: line.line, force: input.force, dryRun: input.dryRun }, files);
  return { changes: plan.changes, warnings: [...warnings, ...line.warnings, ...plan.warnings] };
}
