import type { CommandModule } from 'yargs';
import { credentialsForProfile } from '../credentials/credentialsForProfile';
import { credentialVariables } from '../output/credentialVariables';
import { ENVIRONMENT_FORMATS, formatEnvironment, type EnvironmentFormat } from '../output/formatEnvironment';

type Environment = Record<string, string | undefined>;

interface TextOutput {
  write(text: string): unknown;
}

export interface PrintEnvironmentOptions {
  profile: string;
  format: EnvironmentFormat;
  forceRefresh: boolean;
  env: Environment;
  stdout: TextOutput;
  stderr: TextOutput;
}

/**
 * Prints the profile's credentials as shell statements that set the AWS_* variables. The
 * credentials come from the same cache and lock as credential-process.
 */
export async function printEnvironment(options: PrintEnvironmentOptions): Promise<void> {
  const entry = await credentialsForProfile(options.profile, options);

  const text = formatEnvironment(credentialVariables(entry), options.format);

  const awsProfile = options.env['AWS_PROFILE'];
  if (awsProfile !== undefined && awsProfile !== '') {
    // The AWS SDK for JavaScript v3 skips the environment credentials while AWS_PROFILE is set.
    options.stderr.write(
      `vault-aws: warning: AWS_PROFILE is set to ${JSON.stringify(awsProfile)}; SDKs that prefer it (the AWS SDK for JavaScript v3) ignore the printed keys until you unset it\n`,
    );
  }

  options.stdout.write(text);
}

interface EnvArguments {
  profile: string;
  format: EnvironmentFormat;
  'force-refresh': boolean;
}

export const envCommand: CommandModule<object, EnvArguments> = {
  command: 'env',
  describe: 'Print the credentials as shell statements that set the AWS_* variables',
  builder: (yargs) =>
    yargs
      .usage('$0 env --profile NAME [--format FORMAT]')
      .epilogue('Prints statements that set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_CREDENTIAL_EXPIRATION, quoted so that no value can run a command.')
      .example('eval "$(vault-aws env --profile b-s3)"', 'bash, zsh, dash')
      .example('vault-aws env --profile b-s3 --format fish | source', 'fish')
      .example('vault-aws env --profile b-s3 --format powershell | Out-String | Invoke-Expression', 'PowerShell')
      .option('profile', { type: 'string', demandOption: true, describe: 'Profile in the profile map (profiles.ini) to get credentials for' })
      .option('format', {
        choices: ENVIRONMENT_FORMATS,
        default: 'sh' as EnvironmentFormat,
        describe: 'Output syntax: sh (bash, zsh, dash), fish, powershell, cmd, dotenv (KEY=value lines) or json',
      })
      .option('force-refresh', { type: 'boolean', default: false, describe: 'Fetch new credentials from Vault even when cached ones are fresh' }),
  handler: async (args) => {
    await printEnvironment({
      profile: args.profile,
      format: args.format,
      forceRefresh: args['force-refresh'],
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  },
};
