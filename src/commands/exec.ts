import { constants } from 'node:os';
import type { CommandModule } from 'yargs';
import { credentialsForProfile } from '../credentials/credentialsForProfile';
import { VaultAwsError } from '../errors';
import { buildChildEnvironment } from '../exec/buildChildEnvironment';
import { checkNesting } from '../exec/checkNesting';
import { isForegroundProcessGroup } from '../exec/isForegroundProcessGroup';
import { readProfileRegion } from '../exec/readProfileRegion';
import { runChild, type ChildExit } from '../exec/runChild';
import { debug } from '../log';

type Environment = Record<string, string | undefined>;

/** Exit codes of a shell for a command that is not found or cannot be run, as env(1) and bash use them. */
const EXIT_NOT_FOUND = 127;
const EXIT_CANNOT_RUN = 126;

export interface ExecOptions {
  profile: string;
  /** The command and its arguments; empty runs the user's shell. */
  command: string[];
  allowNested: boolean;
  forceRefresh: boolean;
  env: Environment;
}

/**
 * Runs a command with the profile's credentials in its environment and returns how it ended.
 * The credentials come from the same cache and lock as credential-process.
 */
export async function execWithCredentials(options: ExecOptions): Promise<ChildExit> {
  const depth = checkNesting(options.env, options.profile, options.allowNested);
  const entry = await credentialsForProfile(options.profile, options);

  const env = buildChildEnvironment({ parent: options.env, entry, profile: options.profile, depth, region: readProfileRegion(options.profile, options.env) });
  const [command, ...args] = options.command.length > 0 ? options.command : [defaultShell(options.env)];
  debug(`exec: running ${JSON.stringify(command)} with ${args.length} argument(s) for profile ${options.profile}`);

  try {
    return await runChild({ command: command as string, args, env, isForeground: isForegroundProcessGroup });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const notFound = code === 'ENOENT';
    throw new VaultAwsError(
      `cannot run ${JSON.stringify(command)}: ${notFound ? 'command not found' : 'permission denied or not executable'} (${code ?? String(error)}); exec runs the command without a shell, so use a program on PATH or a path to one`,
      { exitCode: notFound ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN, cause: error },
    );
  }
}

function defaultShell(env: Environment): string {
  if (process.platform === 'win32') {
    return env['COMSPEC'] ?? 'cmd.exe';
  }

  const shell = env['SHELL'];
  return shell !== undefined && shell !== '' ? shell : '/bin/sh';
}

/**
 * Ends this process the way the command ended: with its exit code, or by the same signal, so that
 * a calling shell gets the signal as the cause. A signal that does not end a Node.js process (SIGPIPE) exits
 * with 128 plus its number, as shells report it.
 */
export function exitLikeChild(exit: ChildExit): void {
  if (exit.signal === null) {
    process.exitCode = exit.code ?? 1;
    return;
  }

  process.exitCode = 128 + (constants.signals[exit.signal] ?? 0);
  process.kill(process.pid, exit.signal);
}

interface ExecArguments {
  profile: string;
  command: string[] | undefined;
  '--'?: string[];
  'allow-nested': boolean;
  'force-refresh': boolean;
}

export const execCommand: CommandModule<object, ExecArguments> = {
  command: 'exec [command..]',
  describe: 'Run a command with the profile\'s credentials in AWS_* variables',
  builder: (yargs) =>
    yargs
      .parserConfiguration({ 'populate--': true })
      .usage('$0 exec --profile NAME [options] -- COMMAND [ARGS...]')
      .epilogue(
        'Runs COMMAND without a shell, with AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION set and AWS_PROFILE, AWS_DEFAULT_PROFILE and AWS_SECURITY_TOKEN removed. Signals are passed on, and vault-aws exits with the command\'s exit code. A nested exec for another profile without --allow-nested, or more than 8 nested ones, is a usage error (exit code 2).',
      )
      .example('$0 exec --profile b-s3 -- aws s3 ls', 'list buckets with the credentials of the profile b-s3')
      .positional('command', {
        type: 'string',
        array: true,
        defaultDescription: '$SHELL',
        describe: 'Command and its arguments; put them after -- when any starts with a dash',
      })
      .option('profile', { type: 'string', demandOption: true, describe: 'Profile in the profile map (profiles.ini) to get credentials for' })
      .option('allow-nested', {
        type: 'boolean',
        default: false,
        describe: 'Run even inside another "vault-aws exec" for a different profile (VAULT_AWS_EXEC_PROFILE is set)',
      })
      .option('force-refresh', { type: 'boolean', default: false, describe: 'Fetch new credentials from Vault even when cached ones are fresh' }),
  handler: async (args) => {
    const command = [...(args.command ?? []), ...(args['--'] ?? [])];
    const exit = await execWithCredentials({
      profile: args.profile,
      command,
      allowNested: args['allow-nested'],
      forceRefresh: args['force-refresh'],
      env: process.env,
    });
    exitLikeChild(exit);
  },
};
