import type { CommandModule } from 'yargs';
import { installationPaths } from '../aws-config/credentialProcessLine';
import { fixAwsConfig } from '../doctor/checkAwsConfig';
import type { Installation } from '../doctor/judgeCredentialProcess';
import { UsageError } from '../errors';
import { describeProfiles, type ProfileListing } from '../list/describeProfiles';
import { formatProfileTable } from '../list/formatProfileTable';
import { supportsColor } from '../output/terminalColors';
import { awsConfigPath, awsCredentialsPath, cacheDirectory, profileMapPath } from '../profiles/paths';
import { readProfileMap } from '../profiles/readProfileMap';

type Environment = Record<string, string | undefined>;

interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ListOptions {
  json: boolean;
  /** Print only the profile names, one per line, as the completion scripts read them. */
  names: boolean;
  env: Environment;
  stdout: TextOutput;
  /** Receives one warning line per problem of the profile map; the listing goes on regardless. */
  stderr?: TextOutput;
  installation?: Installation;
  nowSeconds?: number;
}

/** Prints every profile of the profile map with its Vault role, target, cache state and AWS config entry. */
export async function listProfiles(options: ListOptions): Promise<void> {
  const map = readProfileMap(profileMapPath(options.env));
  if (options.names) {
    const names = [...map.profiles.keys()].filter((name) => name !== '');
    options.stdout.write(names.map((name) => `${name}\n`).join(''));
    return;
  }

  for (const problem of map.problems) {
    options.stderr?.write(`vault-aws: warning: ${map.path} line ${problem.lineNumber}: ${problem.message}\n`);
  }

  const listings = await describeProfiles({
    map,
    env: options.env,
    cacheDirectory: cacheDirectory(options.env),
    awsFiles: { config: awsConfigPath(options.env), credentials: awsCredentialsPath(options.env) },
    installation: options.installation ?? installationPaths(),
    nowSeconds: options.nowSeconds ?? Math.floor(Date.now() / 1000),
  });

  if (options.json) {
    options.stdout.write(`${JSON.stringify(listings.map(toJson))}\n`);
    return;
  }

  if (listings.length === 0) {
    options.stdout.write(`The profile map ${map.path} has no profiles; add one with "vault-aws configure --profile NAME --vault-role ROLE".\n`);
    return;
  }

  options.stdout.write(formatProfileTable(listings, supportsColor(options.stdout, options.env)));
}

/** Writes every field, with null for an unknown value, so that scripts see the same keys for every profile. */
function toJson(listing: ProfileListing): Record<string, unknown> {
  return {
    profile: listing.profile,
    vaultRole: listing.vaultRole ?? null,
    mount: listing.mount ?? null,
    address: listing.address ?? null,
    roleArn: listing.roleArn ?? null,
    accountId: listing.accountId ?? null,
    awsRole: listing.awsRole ?? null,
    cache: {
      state: listing.cache.state,
      remainingSeconds: listing.cache.remainingSeconds ?? null,
      expiration: listing.cache.expiration ?? null,
      note: listing.cache.note ?? null,
    },
    awsConfig: {
      ...listing.awsConfig,
      fix: listing.awsConfig.state === 'this-installation' ? null : fixAwsConfig(listing.profile, listing.awsConfig.state),
    },
    problem: listing.problem ?? null,
  };
}

interface ListArguments {
  json: boolean;
  names: boolean;
}

export const listCommand: CommandModule<object, ListArguments> = {
  command: 'list',
  describe: 'Show every profile of the profile map with its Vault role, AWS account and role, cache state and AWS config entry',
  builder: (yargs) =>
    yargs
      .option('json', { type: 'boolean', default: false, describe: 'Print a JSON array with the same fields, remaining lifetime in seconds' })
      .option('names', { type: 'boolean', default: false, describe: 'Print only the profile names, one per line' }),
  handler: async (args) => {
    if (args.json && args.names) {
      throw new UsageError('--json and --names cannot be combined; --names prints plain lines');
    }

    await listProfiles({ json: args.json, names: args.names, env: process.env, stdout: process.stdout, stderr: process.stderr });
  },
};
