import { ENVIRONMENT_FORMATS } from '../output/formatEnvironment';

/** Kind of candidates for the word after an option, or for a positional argument. */
export type ValueKind = 'profile' | 'format' | 'shell' | 'text';

export interface OptionSpec {
  /** The long name without dashes. */
  name: string;
  /** The kind of value the option takes; undefined for a flag. */
  value?: ValueKind;
  description: string;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  subcommands?: CommandSpec[];
  /** Kind of candidates for positional arguments; `command` completes a program and its arguments. */
  positional?: Exclude<ValueKind, 'text'> | 'command';
}

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

export const VALUE_CHOICES: Record<'format' | 'shell', readonly string[]> = {
  format: ENVIRONMENT_FORMATS,
  shell: COMPLETION_SHELLS,
};

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'debug', description: 'Log steps to stderr' },
  { name: 'help', description: 'Show help' },
  { name: 'version', description: 'Show the version' },
];

const PROFILE: OptionSpec = { name: 'profile', value: 'profile', description: 'Profile in the profile map' };
const FORCE_REFRESH: OptionSpec = { name: 'force-refresh', description: 'Fetch new credentials even when cached ones are fresh' };
const JSON_OUTPUT: OptionSpec = { name: 'json', description: 'Print JSON' };

/**
 * The commands and options that the completion scripts offer. The completion tests compare it with
 * the `--help` output of every command, so a command or option added without an entry here fails
 * them.
 */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'configure',
    description: 'Write an AWS profile that gets credentials through vault-aws',
    options: [
      { ...PROFILE, description: 'AWS profile to write' },
      { name: 'vault-role', value: 'text', description: 'Vault role of the AWS secrets engine' },
      { name: 'vault-mount', value: 'text', description: 'Mount path of the AWS secrets engine' },
      { name: 'role-arn', value: 'text', description: 'IAM role ARN to request' },
      { name: 'ttl', value: 'text', description: 'Credential lifetime' },
      { name: 'role-session-name', value: 'text', description: 'Role session name for AWS' },
      { name: 'vault-addr', value: 'text', description: 'Vault address for this profile' },
      { name: 'vault-namespace', value: 'text', description: 'Vault namespace for this profile' },
      { name: 'region', value: 'text', description: 'Region written into the AWS profile' },
      { name: 'output', value: 'text', description: 'Output format written into the AWS profile' },
      { name: 'remove', description: 'Remove what configure wrote' },
      { name: 'dry-run', description: 'Print the diff and write nothing' },
      { name: 'force', description: 'Replace keys that give credentials another way' },
      { name: 'yes', description: 'Write without asking' },
    ],
  },
  { name: 'credential-process', description: 'Print credentials as credential_process JSON', options: [PROFILE, FORCE_REFRESH] },
  {
    name: 'cache',
    description: 'List or clear cached credentials',
    options: [],
    subcommands: [
      { name: 'list', description: 'Show cached profiles and their remaining lifetime', options: [JSON_OUTPUT] },
      { name: 'clear', description: 'Delete cached credentials', options: [PROFILE] },
    ],
  },
  {
    name: 'env',
    description: 'Print shell statements that set the AWS_* variables',
    options: [PROFILE, { name: 'format', value: 'format', description: 'Output syntax' }, FORCE_REFRESH],
  },
  {
    name: 'exec',
    description: 'Run a command with the credentials in its environment',
    options: [PROFILE, { name: 'allow-nested', description: 'Run inside another exec for a different profile' }, FORCE_REFRESH],
    positional: 'command',
  },
  {
    name: 'list',
    description: 'Show every profile of the profile map',
    options: [JSON_OUTPUT, { name: 'names', description: 'Print only the profile names' }],
  },
  { name: 'login', description: 'Log in to Vault with the profile\'s auth_method', options: [PROFILE] },
  { name: 'doctor', description: 'Check Vault, the token, the role and the files', options: [{ ...PROFILE, description: 'Check only this profile' }, JSON_OUTPUT] },
  { name: 'completion', description: 'Print a shell completion script', options: [], positional: 'shell' },
];

export interface CommandPath {
  /** Subcommand names joined by spaces: `env`, `cache list`. */
  path: string;
  command: CommandSpec;
}

/** Lists every command and subcommand with its path, parents first. */
export function listCommandPaths(commands: readonly CommandSpec[] = COMMANDS, prefix = ''): CommandPath[] {
  return commands.flatMap((command) => {
    const path = prefix === '' ? command.name : `${prefix} ${command.name}`;
    return [{ path, command }, ...listCommandPaths(command.subcommands ?? [], path)];
  });
}
