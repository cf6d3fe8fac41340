import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from './go/goDuration';
import { formatGoTime } from './go/formatGoTime';
import { formatMultiError } from './go/formatMultiError';
import { encodeGoJson, marshalGoJson } from './go/marshalGoJson';
import { parseDurationSecond } from './go/parseDurationSecond';
import { JsonNumber, JsonSyntaxError, parseGoJson } from './go/parseGoJson';
import { quoteGo } from './go/quoteGo';

describe('marshalGoJson', () => {
  it('keeps struct order and sorts map keys', () => {
    const value = { zeta: 1, alpha: new Map([['b', 2], ['a', 1]]) };

    expect(marshalGoJson(value)).toBe('{"zeta":1,"alpha":{"a":1,"b":2}}');
  });

  it('writes null for absent values and leaves out undefined struct fields', () => {
    expect(marshalGoJson({ list: null, omitted: undefined, map: new Map([['x', null]]) })).toBe('{"list":null,"map":{"x":null}}');
  });

  it('escapes HTML characters and line separators like Go', () => {
    expect(marshalGoJson('<a>&\u2028\u2029"\n')).toBe('"\\u003ca\\u003e\\u0026\\u2028\\u2029\\"\\n"');
  });

  it('writes JSON numbers as their text', () => {
    expect(marshalGoJson([new JsonNumber('1.50')])).toBe('[1.50]');
  });

  it('ends encoder output with a newline', () => {
    expect(encodeGoJson({ errors: [] })).toBe('{"errors":[]}\n');
  });
});

describe('parseGoJson', () => {
  it('keeps number text and ignores data after the first value', () => {
    const value = parseGoJson('{"ttl": 900.0, "n": -1e3} trailing') as Record<string, unknown>;

    expect(value['ttl']).toEqual(new JsonNumber('900.0'));
    expect(value['n']).toEqual(new JsonNumber('-1e3'));
  });

  it('returns undefined for a blank body', () => {
    expect(parseGoJson(' \n')).toBeUndefined();
  });

  it.each(['{"a":', '{a:1}', '{"a":01}', '[1,]', 'nul'])('rejects %s', (text) => {
    expect(() => parseGoJson(text)).toThrow(JsonSyntaxError);
  });
});

describe('Go durations', () => {
  it.each([
    ['1h', 3_600_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['300ms', 300_000_000n],
    ['-2s', -2_000_000_000n],
    ['0', 0n],
  ])('parses %s', (text, nanoseconds) => {
    expect(parseGoDuration(text)).toBe(nanoseconds);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['1y', 'time: unknown unit "y" in duration "1y"'],
    ['.s', 'time: invalid duration ".s"'],
  ])('rejects %j', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(message);
  });

  it.each([
    [0n, '0s'],
    [1_500_000n, '1.5ms'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_599_500_000_000n, '59m59.5s'],
    [-61_000_000_000n, '-1m1s'],
  ])('formats %s ns as %s', (nanoseconds, text) => {
    expect(formatGoDuration(nanoseconds)).toBe(text);
  });

  it.each([
    [new JsonNumber('900'), 900],
    ['900', 900],
    ['15m', 900],
    ['2d', 172_800],
    ['1500ms', 1],
    ['', 0],
    [null, 0],
  ])('reads %j as %i seconds', (value, seconds) => {
    expect(parseDurationSecond(value)).toBe(seconds);
  });

  it('rejects values that are not durations', () => {
    expect(() => parseDurationSecond(true)).toThrow('could not parse duration from input');
    expect(() => parseDurationSecond('xd')).toThrow('strconv.ParseInt: parsing "x": invalid syntax');
    expect(() => parseDurationSecond('9999999999999')).toThrow('multiplication of durations resulted in overflow');
  });
});

describe('Go text helpers', () => {
  it('quotes like strconv.Quote', () => {
    expect(quoteGo('a"b\\c\n\t\u0001é\u2028')).toBe('"a\\"b\\\\c\\n\\t\\x01é\\u2028"');
  });

  it('formats one and several errors like go-multierror', () => {
    expect(formatMultiError(['permission denied'])).toBe('1 error occurred:\n\t* permission denied\n\n');
    expect(formatMultiError(['permission denied', 'invalid token'])).toBe('2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n');
  });

  it('formats times like Go with trailing zeros dropped', () => {
    expect(formatGoTime(Date.UTC(2025, 6, 16, 12, 0, 0, 120))).toBe('2025-07-16T12:00:00.12Z');
    expect(formatGoTime(Date.UTC(2025, 6, 16, 12, 0, 0, 0))).toBe('2025-07-16T12:00:00Z');
  });
});
