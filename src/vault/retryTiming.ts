import type { RawResponse } from './sendRequest';

/** Retried like the official client: 412, 429 and every 5xx except 501. */
export function isRetryableStatus(status: number): boolean {
  return status === 412 || status === 429 || (status >= 500 && status !== 501);
}

/** `Retry-After` in seconds or as an HTTP date, honoured on 429 and 503 answers as go-retryablehttp does. */
export function retryAfterMs(response: RawResponse, now: number = Date.now()): number | undefined {
  if (response.status !== 429 && response.status !== 503) {
    return undefined;
  }

  const header = response.headers['retry-after'];
  if (typeof header !== 'string' || header.trim() === '') {
    return undefined;
  }

  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }

  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The official client's linear jitter backoff (go-retryablehttp `LinearJitterBackoff` with 1000 and
 * 1500 ms): retry N waits N × a random 1000 to 1499 ms.
 */
export function linearJitterMs(retry: number, random: () => number = Math.random): number {
  return retry * (1000 + Math.floor(random() * 500));
}
