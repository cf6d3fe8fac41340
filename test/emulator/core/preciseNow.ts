/** Real time in epoch milliseconds with sub-millisecond precision, so a one-hour credential reads 3599 seconds left, never a rounded 3600. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
