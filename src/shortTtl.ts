import { DEFAULT_REFRESH_WINDOW_SECONDS } from './credentials/refreshWindow';
import { formatDuration } from './profiles/duration';

/**
 * botocore (the AWS CLI and boto3) runs credential_process again before each request once fewer
 * than this many seconds remain: `_DEFAULT_ADVISORY_REFRESH_TIMEOUT` in botocore/credentials.py.
 */
export const BOTOCORE_ADVISORY_REFRESH_SECONDS = 15 * 60;

/**
 * Smallest ttl that configure and doctor accept without a warning. The cache hands credentials out
 * until the refresh window remains, which is half the ttl (at most 20 minutes). Only from 30
 * minutes on does that window reach botocore's 15 minutes.
 */
export const SHORT_TTL_SECONDS = Math.min(2 * BOTOCORE_ADVISORY_REFRESH_SECONDS, 2 * DEFAULT_REFRESH_WINDOW_SECONDS);

/** SHORT_TTL_SECONDS as a Vault duration, for messages that say what to set. */
export const SHORT_TTL_DURATION = `${SHORT_TTL_SECONDS / 60}m`;

/** Explains what a ttl under SHORT_TTL_SECONDS does, for configure's warning and doctor's finding. */
export function describeShortTtl(ttlSeconds: number): string {
  const half = formatDuration(Math.floor(ttlSeconds / 2));
  return (
    `ttl ${formatDuration(ttlSeconds)} is under ${SHORT_TTL_DURATION}: vault-aws asks Vault again after ${half}, and hands out cached credentials ` +
    `with fewer than ${formatDuration(BOTOCORE_ADVISORY_REFRESH_SECONDS)} left, so the AWS CLI and boto3 run credential_process again before nearly every request`
  );
}
