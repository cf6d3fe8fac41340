import { describe, expect, it } from 'vitest';
import { SCENARIO_ROLE_ARN, useScenarioVault } from '../helpers/startScenarioVault';
import { createSandbox } from '../helpers/sandbox';

const ROLE_ARN = SCENARIO_ROLE_ARN;
const MAP = '[profile b-s3]\nvault_role = s3_access\n';
const PRINT_KEY = 'process.stdout.write(process.env.AWS_ACCESS_KEY_ID ?? "")';

const scenario = useScenarioVault();

describe('env and exec against Vault', () => {
  it('share the cache with credential-process', async () => {
    const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
    sandbox.writeProfileMap(MAP);
    const before = scenario.stsRequests();

    const env = await sandbox.run(['env', '--profile', 'b-s3', '--format', 'json']);
    const credentialProcess = await sandbox.run(['credential-process', '--profile', 'b-s3']);
    const exec = await sandbox.run(['exec', '--profile', 'b-s3', '--', process.execPath, '-e', PRINT_KEY]);

    expect(env.code).toBe(0);
    expect(credentialProcess.code).toBe(0);
    expect(exec.code).toBe(0);
    expect(scenario.stsRequests() - before).toBe(1);
    const variables = JSON.parse(env.stdout) as Record<string, string>;
    const document = JSON.parse(credentialProcess.stdout) as Record<string, string>;
    expect(variables['AWS_ACCESS_KEY_ID']).toBe(document['AccessKeyId']);
    expect(variables['AWS_SECRET_ACCESS_KEY']).toBe(document['SecretAccessKey']);
    expect(variables['AWS_SESSION_TOKEN']).toBe(document['SessionToken']);
    expect(variables['AWS_CREDENTIAL_EXPIRATION']).toBe(document['Expiration']);
    expect(exec.stdout).toBe(document['AccessKeyId']);
  });

  it('fetch new credentials with --force-refresh', async () => {
    const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
    sandbox.writeProfileMap(MAP);
    const first = await sandbox.run(['env', '--profile', 'b-s3', '--format', 'json']);
    const before = scenario.stsRequests();

    const second = await sandbox.run(['env', '--profile', 'b-s3', '--format', 'json', '--force-refresh']);

    expect(second.code).toBe(0);
    expect(scenario.stsRequests() - before).toBe(1);
    expect(second.stdout).not.toBe(first.stdout);
  });

  it('report a Vault failure without output', async () => {
    const sandbox = createSandbox({ url: scenario.vault.url, token: 'hvs.envInvalidToken000000' });
    sandbox.writeProfileMap(MAP);

    const env = await sandbox.run(['env', '--profile', 'b-s3'], { VAULT_MAX_RETRIES: '0' });
    const exec = await sandbox.run(['exec', '--profile', 'b-s3', '--', process.execPath, '-e', PRINT_KEY], { VAULT_MAX_RETRIES: '0' });

    expect(env.code).toBe(1);
    expect(env.stdout).toBe('');
    expect(env.stderr).toContain('invalid or expired');
    expect(exec.code).toBe(1);
    expect(exec.stdout).toBe('');
  });
});
