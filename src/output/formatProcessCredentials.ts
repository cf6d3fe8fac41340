import type { CacheEntry } from '../cache/cacheEntry';

/**
 * Formats credentials as the one-line JSON document every AWS SDK reads from a credential process.
 * Key order and case are fixed; `AccountId` is left out when unknown rather than empty;
 * `Expiration` is UTC with whole seconds and a literal `Z`, the one form every SDK parses.
 */
export function formatProcessCredentials(entry: CacheEntry): string {
  const document: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: entry.accessKeyId,
    SecretAccessKey: entry.secretAccessKey,
    SessionToken: entry.sessionToken,
    Expiration: formatExpiration(entry.expiresAt),
  };
  if (entry.accountId !== undefined) {
    document['AccountId'] = entry.accountId;
  }

  return `${JSON.stringify(document)}\n`;
}

/** Formats epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatExpiration(epochSeconds: number): string {
  // toISOString gives `YYYY-MM-DDTHH:MM:SS.mmmZ` for every year from 0 to 9999.
  return `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}Z`;
}
