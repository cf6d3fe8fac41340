import { describe, expect, it } from 'vitest';
import { classifyCacheFile, entryFileName, parseCacheEntry, profileOfFileName } from './cacheEntry';

const ENTRY = {
  format: 1,
  profile: 'b-s3',
  fingerprint: '["x"]',
  fetchedAt: 1_800_000_000,
  ttl: 3599,
  expiresAt: 1_800_003_599,
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'secret',
  sessionToken: 'token',
};

describe('entryFileName', () => {
  it.each([
    ['b-s3', 'profile-b-s3.json'],
    ['acme.prod', 'profile-acme.prod.json'],
    ['team@x', 'profile-team@x.json'],
    ['..', 'profile-...json'],
    ['a/b', 'profile-a%2Fb.json'],
    ['a:b%c', 'profile-a%3Ab%25c.json'],
    ['é', 'profile-%C3%A9.json'],
  ])('names %j as %j', (profile, name) => {
    expect(entryFileName(profile)).toBe(name);
  });

  it('keeps distinct profiles apart', () => {
    expect(entryFileName('a/b')).not.toBe(entryFileName('a%2Fb'));
  });

  it.each([
    ['ASCII', 'p'.repeat(300)],
    ['escaped', '/'.repeat(100)],
    ['multi-byte', 'é'.repeat(200)],
  ])('bounds a long %s name', (_kind, profile) => {
    const name = entryFileName(profile);

    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^profile-.*~[0-9a-f]{32}\.json$/);
    expect(profileOfFileName(name)).toBeUndefined();
  });

  it('keeps long names with one prefix apart', () => {
    const prefix = 'p'.repeat(250);

    expect(entryFileName(`${prefix}a`)).not.toBe(entryFileName(`${prefix}b`));
  });
});

describe('classifyCacheFile', () => {
  it.each([
    ['profile-a.json', 'profile-a.json', 'entry'],
    ['profile-a.json.lock', 'profile-a.json', 'lock'],
    ['profile-a.json.failure', 'profile-a.json', 'failure record'],
    ['profile-a.json.77.0123456789ab.tmp', 'profile-a.json', 'temporary'],
    ['profile-a.json.failure.77.0123456789ab.tmp', 'profile-a.json', 'temporary'],
    ['profile-a.json.lock.77.0123456789ab.tmp', 'profile-a.json', 'lock temporary'],
    ['profile-a.json.lock.stale.77.01234567', 'profile-a.json', 'stale lock'],
    ['profile-a.json.x.json', 'profile-a.json.x.json', 'entry'],
    ['profile-a.json.x.json.lock', 'profile-a.json.x.json', 'lock'],
    ['profile-a.json.x.json.77.0123456789ab.tmp', 'profile-a.json.x.json', 'temporary'],
    ['profile-a.json.lock.json', 'profile-a.json.lock.json', 'entry'],
    ['login-0123abcd.json.lock', 'login-0123abcd.json', 'lock'],
  ])('splits %s', (name, entryName, kind) => {
    expect(classifyCacheFile(name)).toEqual({ entryName, kind });
  });

  it.each(['profile-a.jsonx', 'profile-a.json.failure.stale.1.01234567', 'profile-a.json.1.short.tmp', 'notes.txt'])('ignores %s', (name) => {
    expect(classifyCacheFile(name)).toBeUndefined();
  });

  it('gives every file of a profile only to that profile', () => {
    const suffixes = ['', '.lock', '.failure', '.9.0123456789ab.tmp', '.failure.9.0123456789ab.tmp', '.lock.9.0123456789ab.tmp', '.lock.stale.9.01234567'];
    const profiles = ['a', 'a.json.x', 'a.json.9.0123456789ab.tmp', 'a.json.lock', 'a.json.failure'];
    for (const profile of profiles) {
      for (const suffix of suffixes) {
        expect(classifyCacheFile(`${entryFileName(profile)}${suffix}`)?.entryName).toBe(entryFileName(profile));
      }
    }
  });
});

describe('parseCacheEntry', () => {
  it('reads a complete entry', () => {
    expect(parseCacheEntry(JSON.stringify(ENTRY))).toEqual(ENTRY);
  });

  it.each([
    ['empty text', ''],
    ['truncated JSON', JSON.stringify(ENTRY).slice(0, 40)],
    ['not an object', '[1,2]'],
    ['null', 'null'],
    ['another format', JSON.stringify({ ...ENTRY, format: 2 })],
    ['missing secret', JSON.stringify({ ...ENTRY, secretAccessKey: undefined })],
    ['empty key', JSON.stringify({ ...ENTRY, accessKeyId: '' })],
    ['string time', JSON.stringify({ ...ENTRY, expiresAt: '1800003599' })],
    ['fractional time', JSON.stringify({ ...ENTRY, ttl: 3599.5 })],
    ['non-string token', JSON.stringify({ ...ENTRY, sessionToken: 7 })],
  ])('rejects %s', (_name, text) => {
    expect(parseCacheEntry(text)).toBeUndefined();
  });
});
