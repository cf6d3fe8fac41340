import { describe, expect, it } from 'vitest';
import { describeClockSkew } from './describeClockSkew';
import { findingsFor } from './finding';

const finding = findingsFor('https://127.0.0.1:8200');
const NOW_MS = 1_767_322_245_000;

function healthAt(serverTime: unknown) {
  return { body: { server_time_utc: serverTime }, receivedAtMs: NOW_MS + 500, roundTripMs: 3 };
}

describe('describeClockSkew', () => {
  it('passes matching clocks', () => {
    const result = describeClockSkew(healthAt(NOW_MS / 1000), finding);

    expect(result.status).toBe('pass');
    expect(result.found).toBe('this machine\'s clock agrees with Vault\'s');
  });

  it('passes a skew of a minute', () => {
    expect(describeClockSkew(healthAt(NOW_MS / 1000 - 60), finding).found).toBe('this machine\'s clock is 1m ahead of Vault\'s');
  });

  it('warns between one and five minutes', () => {
    const result = describeClockSkew(healthAt(NOW_MS / 1000 + 120), finding);

    expect(result.status).toBe('warn');
    expect(result.found).toContain('2m behind Vault\'s');
  });

  it('fails beyond five minutes', () => {
    const result = describeClockSkew(healthAt(NOW_MS / 1000 - 600), finding);

    expect(result.status).toBe('fail');
    expect(result.found).toBe('this machine\'s clock is 10m ahead of Vault\'s, more than the 5 minutes AWS accepts in signed requests');
  });

  it('skips without server_time_utc', () => {
    expect(describeClockSkew(healthAt(undefined), finding).status).toBe('skip');
  });
});
