/**
 * Returns real time in epoch milliseconds with sub-millisecond precision. With whole milliseconds,
 * one request in a thousand would start exactly on a second and read 3600 seconds left, not 3599.
 */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
