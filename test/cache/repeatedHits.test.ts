import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFromCache } from '../../src/serveFromCache';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { createSandbox } from '../helpers/sandbox';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: ['arn:aws:iam::083674922126:role/vault-role-bucket-access'] });
});

afterAll(async () => {
  await vault.close();
});

describe('serveFromCache', () => {
  it('leaks no file descriptors or files over 10,000 hits', async () => {
    const sandbox = createSandbox({ url: vault.url, token: vault.rootToken });
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');
    expect((await sandbox.run(['credential-process', '--profile', 'b-s3'])).code).toBe(0);
    const descriptorsBefore = readdirSync('/proc/self/fd').length;
    const outputs = new Set<string>();

    for (let index = 0; index < 10_000; index += 1) {
      expect(serveFromCache('b-s3', sandbox.env, (text) => outputs.add(text))).toBe(true);
    }

    expect(outputs.size).toBe(1);
    expect(readdirSync('/proc/self/fd').length).toBe(descriptorsBefore);
    expect(readdirSync(sandbox.cacheDirectory)).toEqual(['profile-b-s3.json']);
  });
});
