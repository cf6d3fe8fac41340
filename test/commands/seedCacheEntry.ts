import { mkdirSync, writeFileSync } from 'node:fs';
import { CACHE_FORMAT, entryPath, type CacheEntry } from '../../src/cache/cacheEntry';
import { fingerprintOf } from '../../src/credentials/fingerprint';
import { parseProfileMap } from '../../src/profiles/readProfileMap';
import { resolveProfile } from '../../src/profiles/resolveProfile';
import type { Sandbox } from '../helpers/sandbox';

export const EXAMPLE_CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE+token/with=padding==',
};

/**
 * Writes a fresh cache entry for a profile of the sandbox's profile map, fingerprinted with the
 * sandbox's environment, so that commands find credentials without asking Vault.
 */
export function seedCacheEntry(sandbox: Sandbox, mapText: string, profile: string, overrides: Partial<CacheEntry> = {}): CacheEntry {
  const resolved = resolveProfile(parseProfileMap(mapText, sandbox.profileMapPath), profile, sandbox.env);
  const fetchedAt = Math.floor(Date.now() / 1000);
  const ttl = overrides.ttl ?? 3600;
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    profile,
    fingerprint: fingerprintOf(resolved),
    fetchedAt,
    ttl,
    expiresAt: fetchedAt + ttl,
    ...EXAMPLE_CREDENTIALS,
    ...overrides,
  };

  mkdirSync(sandbox.cacheDirectory, { recursive: true, mode: 0o700 });
  writeFileSync(entryPath(sandbox.cacheDirectory, profile), JSON.stringify(entry), { mode: 0o600 });
  return entry;
}
