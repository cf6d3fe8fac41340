import type { CommandModule } from 'yargs';
import { installationPaths } from '../aws-config/credentialProcessLine';
import type { Finding } from '../doctor/finding';
import { formatFindings, summarize } from '../doctor/formatFindings';
import type { Installation } from '../doctor/judgeCredentialProcess';
import { runDoctor } from '../doctor/runDoctor';
import { EXIT_FAILURE } from '../errors';
import { supportsColor } from '../output/terminalColors';
import { awsConfigPath, awsCredentialsPath, cacheDirectory, profileMapPath } from '../profiles/paths';

type Environment = Record<string, string | undefined>;

interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface DoctorCommandOptions {
  profile: string | undefined;
  json: boolean;
  env: Environment;
  stdout: TextOutput;
  installation?: Installation;
}

/**
 * Runs every check, prints all findings and returns the exit code: 0 when no check failed, even
 * when some warned, and 1 when any check failed. Never prints a token.
 */
export async function doctor(options: DoctorCommandOptions): Promise<number> {
  const findings = await runDoctor({
    profile: options.profile,
    env: options.env,
    paths: {
      profileMap: profileMapPath(options.env),
      awsConfig: awsConfigPath(options.env),
      awsCredentials: awsCredentialsPath(options.env),
      cacheDirectory: cacheDirectory(options.env),
    },
    installation: options.installation ?? installationPaths(),
  });

  const ok = !findings.some((finding) => finding.status === 'fail');
  if (options.json) {
    options.stdout.write(`${JSON.stringify({ ok, summary: summarize(findings), findings: findings.map(toJson) })}\n`);
  } else {
    options.stdout.write(formatFindings(findings, supportsColor(options.stdout, options.env)));
  }

  return ok ? 0 : EXIT_FAILURE;
}

/** Writes `fix` as null when there is none, so that every finding has the same keys. */
function toJson(finding: Finding): Record<string, unknown> {
  return { ...finding, fix: finding.fix ?? null };
}

interface DoctorArguments {
  profile: string | undefined;
  json: boolean;
}

export const doctorCommand: CommandModule<object, DoctorArguments> = {
  command: 'doctor',
  describe: 'Check Vault, the token, the Vault role, the profile map, the AWS config and the cache, and say how to fix each problem',
  builder: (yargs) =>
    yargs
      .option('profile', { type: 'string', defaultDescription: 'every profile in the map', describe: 'Check only this profile of the profile map' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the findings as JSON: ok, summary and findings with check, subject, status, found and fix' })
      .epilogue('Statuses: ok, warn, FAIL, skip (pass, warn, fail, skip in --json). Exits with 0 when no check failed, even when some warned, and with 1 when any check failed.'),
  handler: async (args) => {
    process.exitCode = await doctor({ profile: args.profile, json: args.json, env: process.env, stdout: process.stdout });
  },
};
