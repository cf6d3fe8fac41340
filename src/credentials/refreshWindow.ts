/**
 * botocore and the .NET SDK run the credential process again on every request once fewer than 15
 * minutes remain, so cached credentials are handed out only while more than this window remains.
 */
export const DEFAULT_REFRESH_WINDOW_SECONDS = 20 * 60;

/** The refresh window for credentials of the given lifetime: 20 minutes, at most half the lifetime. */
export function refreshWindowSeconds(lifetimeSeconds: number): number {
  return Math.min(DEFAULT_REFRESH_WINDOW_SECONDS, Math.floor(lifetimeSeconds / 2));
}
