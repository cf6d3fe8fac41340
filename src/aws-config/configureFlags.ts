import type { ConfigureValues } from './configureValues';

/** String options: the flag, the `ConfigureOptions` field it sets (yargs's camel-case name), and its help. */
export const STRING_OPTIONS: { flag: string; field: 'profile' | keyof ConfigureValues; describe: string }[] = [
  { flag: 'profile', field: 'profile', describe: 'AWS profile to write; "default" is the [default] section' },
  { flag: 'vault-role', field: 'vaultRole', describe: 'Vault role of the AWS secrets engine; required unless the profile map already has one' },
  { flag: 'vault-mount', field: 'vaultMount', describe: 'Mount path of the AWS secrets engine (default: aws)' },
  { flag: 'role-arn', field: 'roleArn', describe: 'IAM role ARN to request; required when the Vault role lists several' },
  { flag: 'ttl', field: 'ttl', describe: 'Credential lifetime as a Vault duration: 3600 (seconds), 90m or 1h (default: 1h; at least 15m, at most 36h; under 30m prints a warning)' },
  { flag: 'role-session-name', field: 'roleSessionName', describe: 'Role session name for AWS, 2 to 64 characters' },
  { flag: 'vault-addr', field: 'vaultAddr', describe: 'Vault address for this profile (default: VAULT_ADDR)' },
  { flag: 'vault-namespace', field: 'vaultNamespace', describe: 'Vault namespace for this profile (default: VAULT_NAMESPACE)' },
  { flag: 'region', field: 'region', describe: 'Region written into the AWS profile' },
  { flag: 'output', field: 'output', describe: 'Output format written into the AWS profile: json, yaml, yaml-stream, text or table' },
];

export const BOOLEAN_OPTIONS: { flag: string; field: 'remove' | 'dryRun' | 'force' | 'yes'; describe: string }[] = [
  { flag: 'remove', field: 'remove', describe: 'Remove what configure wrote for --profile, and nothing else' },
  { flag: 'dry-run', field: 'dryRun', describe: 'Print the unified diff of both files and write nothing' },
  { flag: 'force', field: 'force', describe: 'Replace the keys that give the profile credentials another way' },
  { flag: 'yes', field: 'yes', describe: 'Write without asking on a terminal' },
];
