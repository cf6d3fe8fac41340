import { quotePosix } from '../output/formatEnvironment';
import { COMMANDS, GLOBAL_OPTIONS, listCommandPaths, VALUE_CHOICES, type OptionSpec } from './commandTable';

/**
 * Writes the helper functions that the bash and zsh scripts share, in the syntax both shells
 * read. Each prints one word per line for a command path such as `cache list` (empty for the top
 * level):
 *
 * - `_vault_aws_subcommands PATH`: the subcommands
 * - `_vault_aws_options PATH`: the options, with dashes
 * - `_vault_aws_positional PATH`: what positional arguments complete to (`command`, `shell`, ...)
 * - `_vault_aws_option_value OPTION`: what the option's value completes to
 * - `_vault_aws_values KIND`: the candidates of that kind; profiles come from `vault-aws list --names`
 */
export function shellCaseFunctions(): string {
  const paths = listCommandPaths();

  const subcommands = [caseArm('', COMMANDS.map((command) => command.name)), ...paths.filter((entry) => entry.command.subcommands !== undefined).map((entry) => caseArm(entry.path, (entry.command.subcommands ?? []).map((sub) => sub.name)))];
  const options = [caseArm('', dashed(GLOBAL_OPTIONS)), ...paths.map((entry) => caseArm(entry.path, dashed([...entry.command.options, ...GLOBAL_OPTIONS])))];
  const positionals = paths.filter((entry) => entry.command.positional !== undefined).map((entry) => caseArm(entry.path, [entry.command.positional ?? '']));
  const valueOptions = uniqueValueOptions(paths.flatMap((entry) => entry.command.options)).map((option) => caseArm(`--${option.name}`, [option.value ?? '']));
  const values = Object.entries(VALUE_CHOICES).map(([kind, choices]) => caseArm(kind, [...choices]));

  return [
    caseFunction('_vault_aws_subcommands', subcommands),
    caseFunction('_vault_aws_options', options),
    caseFunction('_vault_aws_positional', positionals),
    caseFunction('_vault_aws_option_value', valueOptions),
    caseFunction('_vault_aws_values', [...values, "    profile) command vault-aws list --names 2>/dev/null ;;"]),
  ].join('\n');
}

function dashed(options: readonly OptionSpec[]): string[] {
  return options.map((option) => `--${option.name}`);
}

/** Options that take a value, once each; an option name means the same value kind in every command. */
function uniqueValueOptions(options: readonly OptionSpec[]): OptionSpec[] {
  const byName = new Map<string, OptionSpec>();
  for (const option of options) {
    if (option.value !== undefined && !byName.has(option.name)) {
      byName.set(option.name, option);
    }
  }

  return [...byName.values()];
}

function caseArm(pattern: string, words: readonly string[]): string {
  return `    ${quotePosix(pattern)}) printf '%s\\n' ${words.map(quotePosix).join(' ')} ;;`;
}

function caseFunction(name: string, arms: readonly string[]): string {
  return [`${name}() {`, '  case $1 in', ...arms, '  esac', '}', ''].join('\n');
}
