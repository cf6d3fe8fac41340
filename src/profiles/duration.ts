/**
 * Parses a Vault duration (`3600`, `"90m"`, `"1h30m"`, `"1.5h"`) into whole seconds, the way Vault's
 * `ParseDurationSecond` does: a bare number is seconds, anything else is a Go duration.
 * Returns undefined when the text is not a duration.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }

  const pattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let totalMilliseconds = 0;
  let consumed = 0;
  for (let match = pattern.exec(trimmed); match !== null; match = pattern.exec(trimmed)) {
    totalMilliseconds += Number(match[1]) * UNIT_MILLISECONDS[match[2] as keyof typeof UNIT_MILLISECONDS];
    consumed = pattern.lastIndex;
  }

  if (consumed === 0 || consumed !== trimmed.length) {
    return undefined;
  }

  return Math.floor(totalMilliseconds / 1000);
}

const UNIT_MILLISECONDS = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Formats seconds as a short human duration: `59m 12s`, `2h 0m`, `45s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  // A zero part is left out: `36h`, `15m`, but `1h 5m` and `58m 56s`.
  if (hours > 0) {
    return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  }

  if (minutes > 0) {
    return rest > 0 ? `${minutes}m ${rest}s` : `${minutes}m`;
  }

  return `${rest}s`;
}
