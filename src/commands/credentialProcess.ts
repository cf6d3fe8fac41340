import type { CommandModule } from 'yargs';
import { credentialsForProfile } from '../credentials/credentialsForProfile';
import { formatProcessCredentials } from '../output/formatProcessCredentials';

type Environment = Record<string, string | undefined>;

export interface CredentialProcessOptions {
  profile: string;
  forceRefresh: boolean;
  env: Environment;
}

/**
 * Prints the profile's credentials as the JSON document of the credential_process contract. It
 * never reads stdin and never prompts: AWS SDKs run it without a person to answer.
 */
export async function credentialProcess(options: CredentialProcessOptions): Promise<void> {
  const entry = await credentialsForProfile(options.profile, options);
  process.stdout.write(formatProcessCredentials(entry));
}

interface CredentialProcessArguments {
  profile: string;
  'force-refresh': boolean;
}

export const credentialProcessCommand: CommandModule<object, CredentialProcessArguments> = {
  command: 'credential-process',
  describe: 'Print AWS credentials for a profile as the JSON that AWS SDKs read from credential_process',
  builder: (yargs) =>
    yargs
      .option('profile', { type: 'string', demandOption: true, describe: 'Profile of the profile map (VAULT_AWS_CONFIG_FILE, default ~/.config/vault-aws/profiles.ini) to get credentials for' })
      .option('force-refresh', { type: 'boolean', default: false, describe: 'Fetch new credentials from Vault even when cached ones have more than 20 minutes left' }),
  handler: async (args) => {
    await credentialProcess({ profile: args.profile, forceRefresh: args['force-refresh'], env: process.env });
  },
};
