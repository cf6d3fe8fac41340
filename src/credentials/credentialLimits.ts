/**
 * Bounds that real STS credentials stay within. Vault's response and the cache entries are both
 * checked against them, so a broken or hostile value is rejected before it is cached or printed.
 */

/** 36 hours: the longest session STS issues (GetFederationToken and GetSessionToken). */
export const MAX_LIFETIME_SECONDS = 129_600;

/** 9999-12-31T23:59:59Z: the last moment `YYYY-MM-DDTHH:MM:SSZ` can write, in epoch seconds. */
export const LATEST_EPOCH_SECONDS = 253_402_300_799;

/**
 * Longest accepted value per field, in characters. AWS documents 128 for access key IDs. Session
 * tokens are typically about 1 KiB, and this cap keeps the printed JSON under 8 KiB, the most that
 * the Go SDK v1 reads.
 */
export const MAX_CREDENTIAL_LENGTH = {
  accessKeyId: 128,
  secretAccessKey: 1024,
  sessionToken: 6144,
} as const;

/**
 * Describes what is wrong with a credential value, or returns undefined when it is valid. Real
 * credentials are printable ASCII without spaces, and anything else could break a shell's quoting.
 */
export function credentialValueProblem(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') {
    if (value === undefined || value === null) {
      return 'is missing';
    }

    const kind = Array.isArray(value) ? 'list' : typeof value;
    return `is ${kind === 'object' ? 'an' : 'a'} ${kind}, not a string`;
  }

  if (value === '') {
    return 'is empty';
  }

  if (value.length > maxLength) {
    return `is ${value.length} characters long, more than the ${maxLength} accepted`;
  }

  const position = value.search(/[^\x21-\x7e]/);
  return position === -1 ? undefined : `has a space, control or non-ASCII character at position ${position + 1}`;
}
