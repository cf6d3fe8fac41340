/** Formats a time like Go's `time.Time` in JSON (RFC 3339 with trailing zeros of the fraction dropped), in UTC. */
export function formatGoTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const [seconds, fraction = ''] = iso.slice(0, -1).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? `${seconds}Z` : `${seconds}.${trimmed}Z`;
}
