import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serveFromCache } from '../../src/serveFromCache';
import { useScenarioVault } from '../helpers/startScenarioVault';
import { createSandbox } from '../helpers/sandbox';

const scenario = useScenarioVault();

describe('serveFromCache', () => {
  it('leaks no file descriptors or files over 10,000 hits', async () => {
    const sandbox = createSandbox({ url: scenario.vault.url, token: scenario.vault.rootToken });
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
