import { describe, expect, it } from 'vitest';
import { entryFileName, parseCacheEntry } from './cacheEntry';

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
