// The main job, end to end, on a fresh machine: a loopback Vault emulator with the AWS engine's
// s3_access role, a temporary HOME where "vault-aws configure" writes the profile map and the AWS
// config, then the profile resolved by vault-aws itself and by real AWS clients.
// Nothing leaves 127.0.0.1; the credentials are the emulator's inventions, and secrets are masked.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { startVaultEmulator } from '../test/emulator';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/main.cjs', import.meta.url));
const ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';

async function main(): Promise<void> {
  const vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN] });
  const home = mkdtempSync(join(tmpdir(), 'vault-aws-demo-'));

  try {
    const env = demoEnvironment(home, vault.url, vault.rootToken);
    step(`Vault emulator at ${vault.url}; role aws/s3_access -> ${ROLE_ARN}`);
    step(`HOME=${home}`);

    step('vault-aws configure --profile b-s3 --vault-role s3_access --region eu-west-1');
    const configured = await run(process.execPath, [CLI, 'configure', '--profile', 'b-s3', '--vault-role', 's3_access', '--region', 'eu-west-1'], { env });
    console.log(indent(configured.stderr.trim()));
    const awsConfig = env['AWS_CONFIG_FILE'] as string;
    console.log(indent(`${awsConfig}:\n${readFileSync(awsConfig, 'utf8').trim()}`));

    step('vault-aws credential-process --profile b-s3');
    const first = await run(process.execPath, [CLI, 'credential-process', '--profile', 'b-s3'], { env });
    console.log(`  ${mask(first.stdout.trim())}`);
    console.log(`  stderr: ${first.stderr === '' ? '(empty)' : first.stderr}`);

    step('AWS SDK for JavaScript v3: fromIni({ profile: "b-s3" })');
    Object.assign(process.env, env);
    const credentials = await fromIni({ profile: 'b-s3' })();
    console.log(`  AccessKeyId ${credentials.accessKeyId}, expires ${credentials.expiration?.toISOString()}`);

    if (existsSync('/usr/bin/aws')) {
      step('AWS CLI v2: aws configure export-credentials --profile b-s3 --format process');
      const exported = await run('/usr/bin/aws', ['configure', 'export-credentials', '--profile', 'b-s3', '--format', 'process'], { env });
      console.log(`  ${mask(exported.stdout.trim()).replace(/\n/g, '\n  ')}`);
    } else {
      step('AWS CLI v2 not installed at /usr/bin/aws (Debian package awscli); skipped');
    }

    const boto3 = await run('/usr/bin/python3', ['-c', 'import boto3'], { env }).then(() => true, () => false);
    if (boto3) {
      step('boto3: Session(profile_name="b-s3").get_credentials()');
      const script = "import boto3; c = boto3.Session(profile_name='b-s3').get_credentials().get_frozen_credentials(); print(c.access_key)";
      const printed = await run('/usr/bin/python3', ['-c', script], { env });
      console.log(`  AccessKeyId ${printed.stdout.trim()}`);
    } else {
      step('boto3 not installed for /usr/bin/python3 (Debian package python3-boto3); skipped');
    }

    step('vault-aws cache list');
    const cached = await run(process.execPath, [CLI, 'cache', 'list'], { env });
    console.log(indent(cached.stdout.trim()));

    const requests = vault.count({ method: 'POST', path: 'aws/sts/s3_access' });
    step(`Vault issued credentials ${requests} time(s); the cache served every other call. Removing ${home}.`);
  } finally {
    await vault.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Returns the environment of every demo command: the temporary HOME and the emulator, without the caller's AWS_* or VAULT_* variables. */
function demoEnvironment(home: string, vaultUrl: string, token: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    VAULT_ADDR: vaultUrl,
    VAULT_TOKEN: token,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

/** Replaces the secret key and session token in printed JSON with their length. */
function mask(json: string): string {
  return json.replace(/"(SecretAccessKey|SessionToken)":(\s*)"([^"]*)"/g, (_match, key: string, space: string, value: string) => `"${key}":${space}"<${value.length} characters>"`);
}

function step(text: string): void {
  console.log(`\n== ${text}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
