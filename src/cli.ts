import yargs from 'yargs';
import { checkPathVariables } from './checkPathVariables';
import { cacheCommand } from './commands/cache';
import { completionCommand } from './commands/completion';
import { createConfigureCommand, joinProfileValue } from './commands/configure';
import { credentialProcessCommand } from './commands/credentialProcess';
import { doctorCommand } from './commands/doctor';
import { createVaultRoleSourceFactory } from './commands/vaultRoleSource';
import { envCommand } from './commands/env';
import { execCommand } from './commands/exec';
import { listCommand } from './commands/list';
import { loginCommand } from './commands/login';
import { UsageError } from './errors';
import { enableDebug } from './log';
import { handleStdoutErrors } from './output/stdoutFailure';
import { reportError } from './reportError';
import { rewriteParserMessage } from './rewriteParserMessage';

declare const VAULT_AWS_VERSION: string;

/**
 * Runs the command line. Every error ends here, in reportError.
 */
export async function main(argv: string[]): Promise<void> {
  handleStdoutErrors();
  try {
    checkPathVariables(process.env);
    await buildParser(joinProfileValue(argv)).parseAsync();
  } catch (error) {
    reportError(error);
  }
}

function buildParser(argv: string[]) {
  return yargs(argv)
    .scriptName('vault-aws')
    .usage('$0 <command> [options]\n\nAWS credentials from HashiCorp Vault for the AWS CLI and SDKs.')
    .option('debug', {
      type: 'boolean',
      global: true,
      default: false,
      describe: 'Log steps, paths and status codes to stderr (never secrets); also VAULT_AWS_DEBUG=1',
    })
    .middleware((args) => {
      if (args['debug'] === true) {
        enableDebug();
      }
    })
    .check((args) => {
      checkProfileOption(args['profile']);
      return true;
    })
    .command(credentialProcessCommand)
    .command(cacheCommand)
    .command(createConfigureCommand(createVaultRoleSourceFactory()))
    .command(envCommand)
    .command(execCommand)
    .command(listCommand)
    .command(loginCommand)
    .command(doctorCommand)
    .command(completionCommand)
    .demandCommand(1, 'Name a command; "vault-aws --help" lists them.')
    .strict()
    .version(typeof VAULT_AWS_VERSION === 'string' ? VAULT_AWS_VERSION : 'development')
    .help()
    .alias('help', 'h')
    .wrap(process.stdout.isTTY === true ? Math.min(120, process.stdout.columns) : null)
    .fail((message, error) => {
      throw error ?? new UsageError(rewriteParserMessage(message, argv));
    });
}

/**
 * Rejects `--profile` without a value or given more than once. yargs reads the first as an empty
 * name and the second as a list, which would otherwise reach the profile map as "" or "a,b".
 */
function checkProfileOption(value: unknown): void {
  if (Array.isArray(value)) {
    const names = value.map((name) => JSON.stringify(String(name))).join(', ');
    throw new UsageError(`--profile takes exactly one profile name, but it was given ${value.length} times (${names}); pass --profile NAME once`);
  }

  if (value === '') {
    throw new UsageError('--profile takes exactly one profile name, but it was given none; pass --profile NAME');
  }
}
