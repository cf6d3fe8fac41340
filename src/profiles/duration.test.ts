import { describe, expect, it } from 'vitest';
import { formatDuration, parseDurationSeconds } from './duration';

describe('parseDurationSeconds', () => {
  it.each([
    ['3600', 3600],
    ['90m', 5400],
    ['1h', 3600],
    ['1h30m', 5400],
    ['1.5h', 5400],
    ['3600s', 3600],
    [' 2m ', 120],
    ['1500ms', 1],
  ])('parses %j as %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', 'h', '1d', '-5', '1h x', 'one hour', '1 h'])('rejects %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('formats hours, minutes and seconds', () => {
    expect(formatDuration(3599)).toBe('59m 59s');
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(-3)).toBe('0s');
  });
});
