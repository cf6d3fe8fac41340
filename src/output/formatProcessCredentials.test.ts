import { describe, expect, it } from 'vitest';
import { formatExpiration, formatProcessCredentials } from './formatProcessCredentials';

const BASE = {
  format: 1 as const,
  profile: 'p',
  fingerprint: 'f',
  fetchedAt: 1_767_322_245,
  ttl: 3600,
  expiresAt: 1_767_325_845,
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE',
};

describe('formatProcessCredentials', () => {
  it('prints one minified line with the keys in order', () => {
    const text = formatProcessCredentials({ ...BASE, accountId: '083674922126' });

    expect(text).toBe(
      '{"Version":1,"AccessKeyId":"ASIAEXAMPLEEXAMPLE12","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",' +
        '"SessionToken":"FwoGZXIvYXdzEXAMPLE","Expiration":"2026-01-02T03:50:45Z","AccountId":"083674922126"}\n',
    );
  });

  it('leaves out an unknown account', () => {
    const parsed = JSON.parse(formatProcessCredentials(BASE)) as Record<string, unknown>;

    expect(Object.keys(parsed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  });
});

describe('formatExpiration', () => {
  it('prints UTC with whole seconds and Z', () => {
    expect(formatExpiration(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatExpiration(1_767_325_845)).toBe('2026-01-02T03:50:45Z');
    expect(formatExpiration(253_402_300_799)).toBe('9999-12-31T23:59:59Z');
  });

  it('agrees with Date for leap days, era ends and random moments', () => {
    const moments = [951_782_400, 951_868_799, 4_107_542_400, -62_135_596_800, 1_709_164_800];
    for (let index = 0; index < 2000; index += 1) {
      moments.push(Math.floor(Math.random() * 253_402_300_799));
    }

    for (const seconds of moments) {
      expect(formatExpiration(seconds), String(seconds)).toBe(`${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`);
    }
  });
});
