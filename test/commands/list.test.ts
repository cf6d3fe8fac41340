import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quotePosix } from '../../src/output/formatEnvironment';
import { CLI, createSandbox, type Sandbox } from '../helpers/sandbox';
import { EXAMPLE_CREDENTIALS, seedCacheEntry } from './seedCacheEntry';

const MAP = [
  '[profile b-s3]',
  'vault_role = s3_access',
  'role_arn = arn:aws:iam::083674922126:role/team/vault-role-bucket-access',
  '',
  '[profile dev]',
  'vault_role = dev_access',
  'vault_mount = team/aws',
  '',
  '[profile broken]',
  'vault_role = x',
  'ttl = 5m',
  '',
  '[profile nowhere]',
  'vault_role = y',
  '',
].join('\n');

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = createSandbox();
  sandbox.writeProfileMap(MAP);
  seedCacheEntry(sandbox, MAP, 'b-s3');
  seedCacheEntry(sandbox, MAP, 'dev', { ttl: 1800, accountId: '111122223333' });

  const config = [
    '[profile b-s3]',
    `credential_process = ${quotePosix(process.execPath)} --no-warnings ${CLI} credential-process --profile b-s3`,
    '',
    '[profile dev]',
    'credential_process = vault-aws credential-process --profile dev',
    '',
    '[profile broken]',
    `credential_process = ${process.execPath} ${CLI} credential-process --profile b-s3`,
    '',
  ].join('\n');
  mkdirSync(dirname(sandbox.awsConfigPath), { recursive: true });
  writeFileSync(sandbox.awsConfigPath, config);
});

type Listing = Record<string, unknown> & { cache: Record<string, unknown>; awsConfig: Record<string, unknown> };

async function listJson(): Promise<Map<string, Listing>> {
  const result = await sandbox.run(['list', '--json']);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  const listings = JSON.parse(result.stdout) as Listing[];
  return new Map(listings.map((listing) => [listing['profile'] as string, listing]));
}

describe('list --json', () => {
  it('lists every profile in file order', async () => {
    expect([...(await listJson()).keys()]).toEqual(['b-s3', 'dev', 'broken', 'nowhere']);
  });

  it('splits the role ARN into account and role', async () => {
    const listing = (await listJson()).get('b-s3');

    expect(listing?.['vaultRole']).toBe('s3_access');
    expect(listing?.['mount']).toBe('aws');
    expect(listing?.['accountId']).toBe('083674922126');
    expect(listing?.['awsRole']).toBe('team/vault-role-bucket-access');
    expect(listing?.['address']).toBe('https://127.0.0.1:8200');
  });

  it('reports the cache state', async () => {
    const listings = await listJson();
    const fresh = listings.get('b-s3')?.cache;
    const dev = listings.get('dev')?.cache;

    expect(fresh?.['state']).toBe('fresh');
    expect(fresh?.['remainingSeconds']).toBeGreaterThan(3500);
    expect(fresh?.['expiration']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(dev?.['state']).toBe('fresh');
    expect(listings.get('dev')?.['accountId']).toBe('111122223333');
    expect(listings.get('nowhere')?.cache['state']).toBe('none');
  });

  it('judges the credential_process entries', async () => {
    const listings = await listJson();

    expect(listings.get('b-s3')?.awsConfig['state']).toBe('this-installation');
    expect(listings.get('dev')?.awsConfig['state']).toBe('relative-path');
    expect(listings.get('broken')?.awsConfig['state']).toBe('other-profile');
    expect(listings.get('nowhere')?.awsConfig['state']).toBe('no-profile');
  });

  it('reports a profile the map cannot resolve', async () => {
    const broken = (await listJson()).get('broken');

    expect(broken?.['problem']).toContain('below the AWS minimum of 900 s');
    expect(broken?.['vaultRole']).toBe('x');
  });

  it('prints no secret', async () => {
    const result = await sandbox.run(['list', '--json']);
    const table = await sandbox.run(['list']);

    for (const secret of Object.values(EXAMPLE_CREDENTIALS)) {
      expect(result.stdout).not.toContain(secret);
      expect(table.stdout).not.toContain(secret);
    }
  });
});

describe('list', () => {
  it('prints a table without colour when piped', async () => {
    const result = await sandbox.run(['list']);

    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROFILE\s+VAULT ROLE\s+MOUNT\s+ACCOUNT\s+AWS ROLE\s+VAULT ADDRESS\s+CACHE\s+AWS CONFIG$/);
    expect(lines[1]).toMatch(/^b-s3\s+s3_access\s+aws\s+083674922126\s+team\/vault-role-bucket-access\s+https:\/\/127\.0\.0\.1:8200\s+fresh, (?:1h|59m \d+s) left\s+ok$/);
    expect(result.stdout).toContain('broken: ttl in [profile broken]');
    expect(result.stdout).toContain('nowhere: ');
  });

  it('explains a cache entry of other settings', async () => {
    const result = await sandbox.run(['list'], { VAULT_ADDR: 'https://vault.example:8200' });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^b-s3\s.*\sinvalid\s+ok$/m);
    expect(result.stdout).toContain('b-s3: cache entry not used: entry was fetched with other settings; the next request fetches new credentials from Vault\n');
  });

  it('gives the configure command for AWS config', async () => {
    const result = await sandbox.run(['list']);
    const json = await listJson();

    expect(result.stdout).toContain(`nowhere: ${sandbox.awsConfigPath} has no [profile nowhere]; run "vault-aws configure --profile nowhere"\n`);
    expect(result.stdout).toContain('dev: credential_process starts "vault-aws" through PATH, which applications started from a desktop may not have; run "vault-aws configure --profile dev" to write the absolute paths of this installation\n');
    expect(json.get('nowhere')?.awsConfig['fix']).toBe('run "vault-aws configure --profile nowhere"');
    expect(json.get('b-s3')?.awsConfig['fix']).toBeNull();
  });

  it('prints the names alone', async () => {
    const result = await sandbox.run(['list', '--names']);

    expect(result.stdout).toBe('b-s3\ndev\nbroken\nnowhere\n');
  });

  it('fails without a profile map', async () => {
    const empty = createSandbox();

    const result = await empty.run(['list']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('does not exist; create it with "vault-aws configure');
  });

  it('names a broken section header instead of an empty map', async () => {
    const broken = createSandbox();
    broken.writeProfileMap('[profile b-s3\nvault_role = s3_access\n');

    const listed = await broken.run(['list']);
    const fetched = await broken.run(['credential-process', '--profile', 'b-s3']);

    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain(`vault-aws: warning: ${broken.profileMapPath} line 1: "[profile b-s3" is not a section header`);
    expect(fetched.code).toBe(2);
    expect(fetched.stderr).toContain('which has errors: line 1: "[profile b-s3" is not a section header');
    expect(fetched.stderr).not.toContain('add it with');
  });
});
