import { describe, expect, it } from 'vitest';
import { createPainter, supportsColor } from './terminalColors';

describe('supportsColor', () => {
  it('allows colour on a terminal', () => {
    expect(supportsColor({ isTTY: true }, {})).toBe(true);
  });

  it('rejects colour when piped', () => {
    expect(supportsColor({ isTTY: false }, {})).toBe(false);
    expect(supportsColor({}, {})).toBe(false);
  });

  it('respects NO_COLOR and TERM=dumb', () => {
    expect(supportsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(supportsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('ignores an empty NO_COLOR', () => {
    expect(supportsColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });
});

describe('createPainter', () => {
  it('wraps text in escape codes when enabled', () => {
    expect(createPainter(true)('red', 'FAIL')).toBe('\u001b[31mFAIL\u001b[39m');
  });

  it('returns text unchanged when disabled', () => {
    expect(createPainter(false)('red', 'FAIL')).toBe('FAIL');
  });
});
