import { quoteGo } from './quoteGo';

const NANOSECONDS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;
export const NANOSECONDS_PER_SECOND = 1_000_000_000n;

/** Parses like Go's `time.ParseDuration` and returns nanoseconds; throws an Error with Go's message. */
export function parseGoDuration(text: string): bigint {
  const invalid = (): Error => new Error(`time: invalid duration ${quoteGo(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }

  if (rest === '0') {
    return 0n;
  }

  if (rest === '') {
    throw invalid();
  }

  let total = 0n;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2];
    if (whole === '' && (fraction === undefined || fraction === '')) {
      throw invalid();
    }

    rest = rest.slice(number?.[0].length ?? 0);
    const unitMatch = /^[^\d.]+/.exec(rest);
    if (unitMatch === null) {
      throw new Error(`time: missing unit in duration ${quoteGo(text)}`);
    }

    const unitName = unitMatch[0];
    rest = rest.slice(unitName.length);
    const unit = NANOSECONDS_PER_UNIT[unitName];
    if (unit === undefined) {
      throw new Error(`time: unknown unit ${quoteGo(unitName)} in duration ${quoteGo(text)}`);
    }

    let value = BigInt(whole === '' ? '0' : whole) * unit;
    if (fraction !== undefined && fraction !== '') {
      value += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    }

    total += value;
    if (total > MAX_INT64 + 1n) {
      throw invalid();
    }
  }

  if (!negative && total > MAX_INT64) {
    throw invalid();
  }

  return negative ? -total : total;
}

/** Formats nanoseconds like Go's `time.Duration.String`, for example `1h0m0s` or `59m59.5s`. */
export function formatGoDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) {
    return '0s';
  }

  const sign = nanoseconds < 0n ? '-' : '';
  const magnitude = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  if (magnitude < NANOSECONDS_PER_SECOND) {
    return sign + formatBelowOneSecond(magnitude);
  }

  const hours = magnitude / 3_600_000_000_000n;
  const minutes = (magnitude / 60_000_000_000n) % 60n;
  const seconds = formatDecimal(magnitude % 60_000_000_000n, 9);
  if (hours > 0n) {
    return `${sign}${hours}h${minutes}m${seconds}s`;
  }

  if (minutes > 0n) {
    return `${sign}${minutes}m${seconds}s`;
  }

  return `${sign}${seconds}s`;
}

function formatBelowOneSecond(magnitude: bigint): string {
  if (magnitude < 1_000n) {
    return `${magnitude}ns`;
  }

  if (magnitude < 1_000_000n) {
    return `${formatDecimal(magnitude, 3)}µs`;
  }

  return `${formatDecimal(magnitude, 6)}ms`;
}

/** Writes `value / 10^digits` with the fraction's trailing zeros removed. */
function formatDecimal(value: bigint, digits: number): string {
  const divisor = 10n ** BigInt(digits);
  const fraction = (value % divisor).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction === '' ? `${value / divisor}` : `${value / divisor}.${fraction}`;
}
