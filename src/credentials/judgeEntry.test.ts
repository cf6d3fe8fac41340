import { describe, expect, it } from 'vitest';
import type { CacheEntry } from '../cache/cacheEntry';
import { judgeEntry } from './judgeEntry';

const NOW = 1_800_000_000;

function entryWith(remaining: number, ttl = 3600): CacheEntry {
  const expiresAt = NOW + remaining;
  return {
    format: 1,
    profile: 'p',
    fingerprint: 'f',
    fetchedAt: expiresAt - ttl,
    ttl,
    expiresAt,
    accessKeyId: 'ASIA',
    secretAccessKey: 's',
    sessionToken: 't',
  };
}

describe('judgeEntry', () => {
  it('serves an entry with more than 20 minutes left', () => {
    expect(judgeEntry(entryWith(1201), 'p', 'f', NOW)).toMatchObject({ fresh: true, usable: true });
  });

  it('refreshes inside the 20-minute window but keeps the entry usable', () => {
    expect(judgeEntry(entryWith(1200), 'p', 'f', NOW)).toMatchObject({ fresh: false, usable: true });
    expect(judgeEntry(entryWith(60), 'p', 'f', NOW)).toMatchObject({ fresh: false, usable: true });
  });

  it('caps the window at half the lifetime', () => {
    expect(judgeEntry(entryWith(901, 1800), 'p', 'f', NOW).fresh).toBe(true);
    expect(judgeEntry(entryWith(900, 1800), 'p', 'f', NOW).fresh).toBe(false);
  });

  it('rejects an expired entry', () => {
    expect(judgeEntry(entryWith(0), 'p', 'f', NOW)).toMatchObject({ fresh: false, usable: false });
  });

  it('rejects an entry of other settings or another profile', () => {
    expect(judgeEntry(entryWith(3000), 'p', 'other', NOW).usable).toBe(false);
    expect(judgeEntry(entryWith(3000), 'q', 'f', NOW).usable).toBe(false);
  });

  it('rejects an entry that outlives its lifetime, as after the clock moved back', () => {
    const entry = entryWith(3600);

    expect(judgeEntry(entry, 'p', 'f', NOW - 7200)).toMatchObject({ fresh: false, usable: false });
  });

  it('rejects an entry whose expiry does not match its lifetime', () => {
    const entry = { ...entryWith(3000), expiresAt: NOW + 50_000 };

    expect(judgeEntry(entry, 'p', 'f', NOW).usable).toBe(false);
  });
});
