import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
import { bashCompletion } from '../completion/bashCompletion';
import { COMPLETION_SHELLS, type CompletionShell } from '../completion/commandTable';
import { fishCompletion } from '../completion/fishCompletion';
import { zshCompletion } from '../completion/zshCompletion';
import { UsageError } from '../errors';

type Environment = Record<string, string | undefined>;

const SCRIPTS: Record<CompletionShell, () => string> = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion };

/** Returns the completion script for `shell`, or for the shell named by $SHELL when it is undefined. */
export function completionScript(shell: CompletionShell | undefined, env: Environment): string {
  const chosen = shell ?? shellFromEnvironment(env);
  return SCRIPTS[chosen]();
}

function shellFromEnvironment(env: Environment): CompletionShell {
  const name = basename(env['SHELL'] ?? '');
  const known = COMPLETION_SHELLS.find((shell) => shell === name);
  if (known === undefined) {
    const shell = env['SHELL'] === undefined || env['SHELL'] === '' ? 'SHELL is unset' : `SHELL is ${JSON.stringify(env['SHELL'])}`;
    throw new UsageError(
      `${shell}, and completion scripts exist only for ${COMPLETION_SHELLS.join(', ')}; pass the shell name, as in "vault-aws completion bash"`,
    );
  }

  return known;
}

interface CompletionArguments {
  shell: CompletionShell | undefined;
}

export const completionCommand: CommandModule<object, CompletionArguments> = {
  command: 'completion [shell]',
  describe: 'Print a completion script for bash, zsh or fish that also completes profile names',
  builder: (yargs) =>
    yargs
      .positional('shell', { choices: COMPLETION_SHELLS, defaultDescription: 'the shell named by $SHELL', describe: 'Shell to write the script for' })
      .example('source <(vault-aws completion bash)', 'in ~/.bashrc')
      .example('source <(vault-aws completion zsh)', 'in ~/.zshrc, after compinit')
      .example('vault-aws completion fish > ~/.config/fish/completions/vault-aws.fish', 'once, for fish'),
  handler: (args) => {
    process.stdout.write(completionScript(args.shell, process.env));
  },
};
