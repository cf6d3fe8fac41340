import { JsonNumber } from './parseGoJson';
import { NANOSECONDS_PER_SECOND, parseGoDuration } from './goDuration';
import { quoteGo } from './quoteGo';

const MAX_INT64 = (1n << 63n) - 1n;

/**
 * Converts a request value to whole seconds the way Vault's `TypeDurationSecond` fields do
 * (go-secure-stdlib `parseutil.ParseDurationSecond`, then truncation toward zero): an integer
 * or integer string is seconds, `Nd` is days, anything else must be a Go duration.
 * Throws an Error with the message Vault puts after `error converting input for field …: `.
 */
export function parseDurationSecond(value: unknown): number {
  const text = value instanceof JsonNumber ? value.text : value;
  if (text === null || text === undefined || text === '') {
    return 0;
  }

  if (typeof text !== 'string') {
    throw new Error('could not parse duration from input');
  }

  return Number(parseDurationText(text) / NANOSECONDS_PER_SECOND);
}

function parseDurationText(text: string): bigint {
  if (/^[+-]?\d+$/.test(text) && fitsInt64(text)) {
    return multiplyChecked(BigInt(text), NANOSECONDS_PER_SECOND);
  }

  if (text.endsWith('d')) {
    const days = text.slice(0, -1);
    if (!/^[+-]?\d+$/.test(days)) {
      throw new Error(`strconv.ParseInt: parsing ${quoteGo(days)}: invalid syntax`);
    }

    if (!fitsInt64(days)) {
      throw new Error(`strconv.ParseInt: parsing ${quoteGo(days)}: value out of range`);
    }

    return multiplyChecked(BigInt(days), 24n * 3600n * NANOSECONDS_PER_SECOND);
  }

  return parseGoDuration(text);
}

function fitsInt64(digits: string): boolean {
  const value = BigInt(digits);
  return value <= MAX_INT64 && value >= -MAX_INT64 - 1n;
}

function multiplyChecked(value: bigint, unit: bigint): bigint {
  const product = value * unit;
  if (product > MAX_INT64 || product < -MAX_INT64 - 1n) {
    throw new Error('multiplication of durations resulted in overflow, one operand may be too large');
  }

  return product;
}
