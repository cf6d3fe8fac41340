import { COMMANDS, type CommandSpec } from './completion/commandTable';
import { closestKey } from './profiles/profileKeys';

/** Positional arguments that yargs names like options in its messages. */
const POSITIONALS = new Set(['shell', 'command']);

/**
 * Rewrites a yargs validation message (English, yargs 17) into a sentence that names the option,
 * the value and what to do next. `args` are the command-line arguments, which tell the command
 * and whether an unknown name was typed as an option. Other messages are returned unchanged: they
 * are this tool's own demandCommand texts, which already name the next step.
 */
export function rewriteParserMessage(message: string, args: readonly string[]): string {
  const command = findCommandPath(args);
  const help = `"vault-aws${command === undefined ? '' : ` ${command}`} --help"`;

  if (message.startsWith('Invalid values:')) {
    return describeInvalidValues(message, help);
  }

  const unknown = /^Unknown arguments?: (.*)$/s.exec(message);
  if (unknown !== null) {
    const reported = (unknown[1] as string).split(', ');
    // yargs also reports the camelCase alias of an unknown --kebab-case name, which the user did not type.
    const typed = reported.filter((name) => !/[A-Z]/.test(name) || !reported.includes(kebabCase(name)));
    const names = typed.map((name) => asTyped(name, args));
    const first = args.find((arg) => !arg.startsWith('-'));
    if (command === undefined && first !== undefined) {
      return describeUnknownCommand(first);
    }

    if (command === 'exec') {
      return `exec does not take ${names.join(', ')}; put the command to run after --, as in "vault-aws exec --profile NAME -- ls -la", so that its options go to the command`;
    }

    const listed = command === undefined ? 'the commands and options' : 'its options';
    const guesses = suggestOptions(typed, command);
    const guess = guesses.length === 0 ? '' : `did you mean ${guesses.join(', ')}? `;
    return `unknown option${names.length === 1 ? '' : 's'} ${names.join(', ')}${command === undefined ? '' : ` for ${command}`}; ${guess}${help} lists ${listed}`;
  }

  if (message.startsWith('Not enough non-option arguments')) {
    return `${command ?? 'vault-aws'} needs a command; ${help} lists them`;
  }

  const noValue = /^Not enough arguments following: (.*)$/s.exec(message);
  if (noValue !== null) {
    return `--${noValue[1] as string} needs a value; ${help} describes it`;
  }

  const missing = /^Missing required arguments?: (.*)$/s.exec(message);
  if (missing !== null) {
    // A misspelt required option is reported by yargs as missing; name the typo instead.
    const misspelt = findMisspeltOption(args, command, (missing[1] as string).split(', '));
    if (misspelt !== undefined) {
      return `unknown option ${misspelt.typed}${command === undefined ? '' : ` for ${command}`}; did you mean --${misspelt.option}? ${help} lists its options`;
    }

    const names = (missing[1] as string).split(', ').map((name) => `--${name}`);
    return `missing required option ${names.join(', ')}; ${help} describes ${names.length === 1 ? 'it' : 'them'}`;
  }

  return message;
}

/** Returns the command and subcommand named in `args` (`exec`, `cache clear`), or undefined. */
function findCommandPath(args: readonly string[]): string | undefined {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const path: string[] = [];
  let candidates: readonly CommandSpec[] = COMMANDS;
  for (const word of words) {
    const command = candidates.find((candidate) => candidate.name === word);
    if (command === undefined) {
      break;
    }

    path.push(command.name);
    candidates = command.subcommands ?? [];
  }

  return path.length === 0 ? undefined : path.join(' ');
}

/** Turns `Invalid values:\n  Argument: format, Given: "zsh", Choices: "sh", "fish"` into one sentence per argument. */
function describeInvalidValues(message: string, help: string): string {
  const sentences = [...message.matchAll(/Argument: (\S+), Given: (.*), Choices: (.*)$/gm)].map((match) => {
    const name = match[1] as string;
    const subject = POSITIONALS.has(name) ? name : `--${name}`;
    const choices = (match[3] as string).replace(/"/g, '');
    return `invalid ${subject} ${match[2] as string}; use one of ${choices}`;
  });

  return sentences.length === 0 ? `${message}; ${help} lists the valid values` : sentences.join('. ');
}

/** Writes an unknown name as it was typed: `-l`, `--format` or a plain word. */
function asTyped(name: string, args: readonly string[]): string {
  if (args.includes(name) || name.startsWith('"')) {
    return JSON.stringify(name.replace(/^"|"$/g, ''));
  }

  return name.length === 1 ? `-${name}` : `--${name}`;
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Returns the options of `command` that the unknown names are likely misspellings of, as `--name`. */
function suggestOptions(names: readonly string[], command: string | undefined): string[] {
  const spec = findCommandSpec(command);
  if (spec === undefined) {
    return [];
  }

  const known = spec.options.map((option) => option.name);
  const guesses = names.map((name) => closestKey(name, known)).filter((guess): guess is string => guess !== undefined);
  return [...new Set(guesses)].map((guess) => `--${guess}`);
}

function findCommandSpec(command: string | undefined): CommandSpec | undefined {
  let candidates: readonly CommandSpec[] = COMMANDS;
  let found: CommandSpec | undefined;
  for (const word of command?.split(' ') ?? []) {
    found = candidates.find((candidate) => candidate.name === word);
    candidates = found?.subcommands ?? [];
  }

  return found;
}

function describeUnknownCommand(word: string): string {
  const names = COMMANDS.map((spec) => spec.name);
  const guess = closestKey(word, names);
  return `unknown command ${JSON.stringify(word)}; ${guess === undefined ? '' : `did you mean ${guess}? `}the commands are ${names.join(', ')}`;
}

/** Returns an option typed before `--` that is not one of the command's and is close to one of `expected`. */
function findMisspeltOption(args: readonly string[], command: string | undefined, expected: readonly string[]): { typed: string; option: string } | undefined {
  const end = args.indexOf('--');
  for (const arg of end === -1 ? args : args.slice(0, end)) {
    if (!arg.startsWith('-')) {
      continue;
    }

    const name = arg.replace(/^-+/, '').split('=')[0] as string;
    const option = closestKey(name, expected);
    if (option !== undefined && option !== name && !(findCommandSpec(command)?.options.some((known) => known.name === name) ?? false)) {
      return { typed: arg.split('=')[0] as string, option };
    }
  }

  return undefined;
}
