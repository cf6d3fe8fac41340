import type { Argv, CommandModule } from 'yargs';

import { BOOLEAN_OPTIONS, STRING_OPTIONS } from '../aws-config/configureFlags';
import type { ConfigureValues } from '../aws-config/configureValues';
import { planRemove, type ConfigurePlan, type RemovePlan } from '../aws-config/planConfigure';
import { planProfileUpdate } from '../aws-config/planProfileUpdate';
import { createTerminalPrompter, type Prompter } from '../aws-config/prompter';
import { readConfigureFiles } from '../aws-config/readConfigureFiles';
import { renderFileDiff } from '../aws-config/renderFileDiff';
import { resolveProfileName } from '../aws-config/resolveConfigureValues';
import type { VaultRoleSourceFactory } from '../aws-config/vaultRoleSource';
import { writePlannedChanges } from '../aws-config/writePlannedChanges';
import { UsageError } from '../errors';
import { awsConfigPath, awsCredentialsPath, profileMapPath } from '../profiles/paths';

export interface ConfigureOptions extends ConfigureValues {
  profile?: string;
  /** Remove what configure wrote for the profile instead of writing it. */
  remove?: boolean;
  /** Print the unified diff of both files and write nothing. */
  dryRun?: boolean;
  /** Replace keys that give the profile credentials another way instead of rejecting. */
  force?: boolean;
  /** Write without asking for confirmation on a terminal. */
  yes?: boolean;
  /** Environment that sets the default file paths (AWS_CONFIG_FILE, HOME and others). Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  awsConfigFile?: string;
  awsCredentialsFile?: string;
  profileMapFile?: string;
  /** Node.js binary and `dist/main.cjs` for the credential_process line. Default to this installation's. */
  nodePath?: string;
  entryPath?: string;
  platform?: NodeJS.Platform;
}

export interface ConfigureIo {
  /** Receives the diff, and nothing else. */
  stdout: { write(text: string): unknown };
  /** Receives warnings, questions and the paths written. */
  stderr: { write(text: string): unknown };
  /** Present on a terminal: missing values are asked for, and the diff is confirmed before writing. */
  prompter?: Prompter;
  vaultRoles?: VaultRoleSourceFactory;
}

const VALUE_FIELDS = ['vaultRole', 'vaultMount', 'roleArn', 'ttl', 'roleSessionName', 'vaultAddr', 'vaultNamespace', 'region', 'output'] as const;

/**
 * Writes the profile into the profile map and its credential_process into the AWS config file, or
 * with `remove` takes out what configure wrote. Both files are computed in full before either is
 * written, and every line configure does not own keeps its bytes.
 */
export async function configure(options: ConfigureOptions, io: ConfigureIo = { stdout: process.stdout, stderr: process.stderr }): Promise<void> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const flagValues: ConfigureValues = {};
  for (const field of VALUE_FIELDS) {
    if (options[field] !== undefined) {
      flagValues[field] = options[field];
    }
  }

  if (options.remove === true && (Object.keys(flagValues).length > 0 || options.force === true)) {
    throw new UsageError('--remove takes only --profile, --dry-run and --yes. Run configure --remove without the other options.');
  }

  const files = await readConfigureFiles({
    profileMap: options.profileMapFile ?? profileMapPath(env),
    awsConfig: options.awsConfigFile ?? awsConfigPath(env),
    awsCredentials: options.awsCredentialsFile ?? awsCredentialsPath(env),
  });
  const profile = await resolveProfileName(options.profile, io.prompter, platform, io.stderr);

  const installation = options.nodePath !== undefined && options.entryPath !== undefined ? { nodePath: options.nodePath, entryPath: options.entryPath } : undefined;
  const removal = options.remove === true ? planRemove(profile, files) : undefined;
  const plan: ConfigurePlan =
    removal ?? (await planProfileUpdate({ profile, flagValues, files, force: options.force === true, dryRun: options.dryRun === true, installation, platform, prompter: io.prompter, vaultRoles: io.vaultRoles, stderr: io.stderr }));

  for (const warning of plan.warnings) {
    io.stderr.write(`vault-aws: warning: ${warning}\n`);
  }

  if (plan.changes.length === 0) {
    const state = options.remove === true ? 'has nothing written by vault-aws' : 'is already up to date';
    io.stderr.write(`Profile "${profile}" ${state} in ${files.profileMap.path} and ${files.awsConfig.path}. Nothing to write.\n`);
    return;
  }

  const diff = plan.changes.map((change) => renderFileDiff(change.path, change.before, change.after)).join('');
  if (options.dryRun === true) {
    io.stdout.write(diff);
    return;
  }

  if (io.prompter !== undefined && options.yes !== true) {
    io.stdout.write(diff);
    if (!(await io.prompter.confirm('Write these changes?', false))) {
      io.stderr.write('Nothing written.\n');
      return;
    }
  }

  for (const result of await writePlannedChanges(plan.changes)) {
    const backup = result.backup === undefined ? '' : ` (previous content saved as ${result.backup})`;
    io.stderr.write(`Wrote ${result.target}${backup}.\n`);
  }

  if (removal !== undefined) {
    reportRemoval(profile, removal, io.stderr);
  }
}

/** Says which keys --remove took out, and which files it left empty rather than deleting them. */
function reportRemoval(profile: string, removal: RemovePlan, stderr: ConfigureIo['stderr']): void {
  const { awsConfig, profileMap } = removal;
  if (awsConfig.removedKeys.length > 0) {
    stderr.write(`Removed ${awsConfig.removedKeys.join(', ')} and the vault_aws_managed marker from profile "${profile}" in ${awsConfig.path}.\n`);
  }

  if (profileMap.removed) {
    stderr.write(`Removed [profile ${profile}] from ${profileMap.path}.\n`);
  }

  for (const change of removal.changes) {
    if (change.after === '') {
      stderr.write(`${change.path} is now empty (0 bytes). configure leaves it in place; delete it if nothing else uses it.\n`);
    }
  }
}

/** Builds the yargs command; `vaultRoles` lets a terminal session offer the roles Vault lists. */
export function createConfigureCommand(vaultRoles?: VaultRoleSourceFactory): CommandModule<object, Record<string, unknown>> {
  return {
    command: 'configure',
    describe: 'Write an AWS profile whose credential_process gets credentials from Vault through vault-aws',
    builder: (yargs: Argv<object>) => {
      for (const { flag, describe } of STRING_OPTIONS) {
        yargs.option(flag, { type: 'string', describe });
      }

      for (const { flag, describe } of BOOLEAN_OPTIONS) {
        yargs.option(flag, { type: 'boolean', describe });
      }

      return yargs
        .alias('yes', 'y')
        .epilogue('An empty value (--region "") removes that key. Without a terminal, a missing required value is a usage error.')
        .example('$0 configure --profile dev --vault-role dev-admin --region eu-west-1', 'write [profile dev] into both files')
        .example('$0 configure --remove --profile dev', 'remove what configure wrote for dev') as Argv<Record<string, unknown>>;
    },
    handler: async (argv) => {
      const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
      const prompter = interactive ? createTerminalPrompter() : undefined;
      const io: ConfigureIo = { stdout: process.stdout, stderr: process.stderr };
      if (prompter !== undefined) {
        io.prompter = prompter;
      }

      if (vaultRoles !== undefined) {
        io.vaultRoles = vaultRoles;
      }

      try {
        await configure(toConfigureOptions(argv), io);
      } finally {
        prompter?.close();
      }
    },
  };
}

export const configureCommand = createConfigureCommand();

/**
 * Joins `--profile` and a next argument that begins with `-` into `--profile=VALUE`, so that yargs
 * passes `--profile -x` to the profile name check, which explains the problem, instead of reading
 * `-x` as an unknown option. Only the `configure` command is changed.
 */
export function joinProfileValue(argv: readonly string[]): string[] {
  const joined = [...argv];
  if (!joined.includes('configure')) {
    return joined;
  }

  for (let index = 0; index < joined.length - 1; index += 1) {
    const next = joined[index + 1] ?? '';
    if (joined[index] === '--profile' && next.startsWith('-') && next !== '--') {
      joined.splice(index, 2, `--profile=${next}`);
    }
  }

  return joined;
}

/** Converts the arguments yargs parsed for `configure` into `ConfigureOptions`. */
export function toConfigureOptions(argv: Record<string, unknown>): ConfigureOptions {
  const options: ConfigureOptions = {};

  for (const { field } of STRING_OPTIONS) {
    const value = argv[field];
    if (typeof value === 'string') {
      options[field] = value;
    }
  }

  for (const { field } of BOOLEAN_OPTIONS) {
    const value = argv[field];
    if (typeof value === 'boolean') {
      options[field] = value;
    }
  }

  return options;
}
