import { quoteFish } from '../output/formatEnvironment';
import { COMMANDS, GLOBAL_OPTIONS, listCommandPaths, VALUE_CHOICES, type OptionSpec, type ValueKind } from './commandTable';

/*
 * __vault_aws_walk prints the command path (`cache list`, or an empty line at the top level) and,
 * once the cursor is inside the command that exec runs, that command's words. Completions for
 * vault-aws itself apply while it prints one line; fish's __fish_complete_subcommand completes
 * the command that exec runs.
 */
const WALK_FUNCTIONS = `
function __vault_aws_walk
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l command_path ''
    set -l skip 0
    for index in (seq (count $tokens))
        set -l token $tokens[$index]
        if test $skip -eq 1
            set skip 0
            continue
        end

        if test "$command_path" = exec
            if test "$token" = --
                printf '%s\\n' exec $tokens[(math $index + 1)..-1] ''
                return
            else if not string match -q -- '-*' $token
                printf '%s\\n' exec $tokens[$index..-1] ''
                return
            end
        end

        if contains -- $token __VALUE_OPTIONS__
            set skip 1
        else if not string match -q -- '-*' $token
            set -l candidate (string trim -- "$command_path $token")
            if contains -- $candidate __COMMAND_PATHS__
                set command_path $candidate
            end
        end
    end

    printf '%s\\n' $command_path
end

function __vault_aws_at_path
    set -l walk (__vault_aws_walk)
    test (count $walk) -eq 1; and test "$walk[1]" = "$argv[1]"
end

function __vault_aws_in_command
    set -l walk (__vault_aws_walk)
    test (count $walk) -gt 1; and return 0
    test "$walk[1]" = exec; and not string match -q -- '-*' (commandline -ct)
end

function __vault_aws_complete_command
    set -l walk (__vault_aws_walk)
    set -e walk[1]
    set -e walk[-1]
    __fish_complete_subcommand --commandline $walk (commandline -ct)
end
`;

/** Returns the fish completion script; `vault-aws completion fish | source` loads it. */
export function fishCompletion(): string {
  const paths = listCommandPaths();
  const valueOptions = [...new Set(paths.flatMap((entry) => entry.command.options).filter((option) => option.value !== undefined).map((option) => `--${option.name}`))];
  const walk = WALK_FUNCTIONS.replace('__VALUE_OPTIONS__', valueOptions.join(' ')).replace('__COMMAND_PATHS__', paths.map((entry) => quoteFish(entry.path)).join(' '));

  const lines = [
    '# fish completion for vault-aws. Load it with: vault-aws completion fish | source',
    '# or save it as ~/.config/fish/completions/vault-aws.fish',
    walk,
    'complete -c vault-aws -f',
    ...GLOBAL_OPTIONS.map((option) => optionLine('not __vault_aws_in_command', option)),
  ];

  for (const command of COMMANDS) {
    lines.push(`complete -c vault-aws -n ${quoteFish('__vault_aws_at_path ""')} -a ${quoteFish(command.name)} -d ${quoteFish(command.description)}`);
  }

  for (const { path, command } of paths) {
    const condition = `__vault_aws_at_path ${quoteFish(path)}`;
    for (const sub of command.subcommands ?? []) {
      lines.push(`complete -c vault-aws -n ${quoteFish(condition)} -a ${quoteFish(sub.name)} -d ${quoteFish(sub.description)}`);
    }

    for (const option of command.options) {
      lines.push(optionLine(condition, option));
    }

    if (command.positional !== undefined && command.positional !== 'command') {
      lines.push(`complete -c vault-aws -n ${quoteFish(condition)} -a ${quoteFish(candidates(command.positional))}`);
    }
  }

  lines.push(`complete -c vault-aws -n __vault_aws_in_command -x -a '(__vault_aws_complete_command)'`, '');
  return lines.join('\n');
}

function optionLine(condition: string, option: OptionSpec): string {
  let value = '';
  if (option.value === 'text') {
    value = ' -x';
  } else if (option.value !== undefined) {
    value = ` -x -a ${quoteFish(candidates(option.value))}`;
  }

  return `complete -c vault-aws -n ${quoteFish(condition)} -l ${option.name}${value} -d ${quoteFish(option.description)}`;
}

/** Returns the argument of `complete -a`: a fixed list, or a call of `vault-aws list --names` for profile names. */
function candidates(kind: Exclude<ValueKind, 'text'>): string {
  return kind === 'profile' ? '(vault-aws list --names 2>/dev/null)' : VALUE_CHOICES[kind].join(' ');
}
