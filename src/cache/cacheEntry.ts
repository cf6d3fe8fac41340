import { join } from 'node:path';
import { credentialValueProblem, LATEST_EPOCH_SECONDS, MAX_CREDENTIAL_LENGTH, MAX_LIFETIME_SECONDS } from '../credentials/credentialLimits';

/** Version of the entry layout; an entry of any other version is a miss. */
export const CACHE_FORMAT = 1;

/** Cached STS credentials of one profile. Times are whole seconds since the Unix epoch. */
export interface CacheEntry {
  format: typeof CACHE_FORMAT;
  profile: string;
  fingerprint: string;
  /** When the Vault request was sent. */
  fetchedAt: number;
  /** The lifetime Vault returned, in seconds. */
  ttl: number;
  /** fetchedAt + ttl. */
  expiresAt: number;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId?: string;
}

/** Largest entry read; a real one is about 1.5 KiB, so anything larger is damaged or hostile. */
export const MAX_ENTRY_BYTES = 64 * 1024;

/**
 * The entry's file name: the profile name with every character outside `[A-Za-z0-9_.@-]` written
 * as `%XX`, behind a fixed prefix so that names such as `..` stay inside the directory.
 */
export function entryFileName(profile: string): string {
  const escaped = Array.from(new TextEncoder().encode(profile), (byte) => {
    const character = String.fromCharCode(byte);
    return /[A-Za-z0-9_.@-]/.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return `profile-${escaped}.json`;
}

/** The profile name of an entry file name, or undefined for any other file. */
export function profileOfFileName(name: string): string | undefined {
  const match = /^profile-(.+)\.json$/.exec(name);
  if (match === null) {
    return undefined;
  }

  try {
    const bytes: number[] = [];
    const escaped = match[1] as string;
    for (let index = 0; index < escaped.length; index += 1) {
      if (escaped[index] === '%') {
        bytes.push(Number.parseInt(escaped.slice(index + 1, index + 3), 16));
        index += 2;
      } else {
        bytes.push(escaped.charCodeAt(index));
      }
    }

    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

export function entryPath(cacheDirectory: string, profile: string): string {
  return join(cacheDirectory, entryFileName(profile));
}

/**
 * Returns the entry in `text`, or undefined when it is not a complete entry of this format or holds
 * values that Vault's answer would not have passed with.
 */
export function parseCacheEntry(text: string): CacheEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }

  if (typeof value !== 'object' || value === null) {
    return undefined;
  }

  const entry = value as Record<string, unknown>;
  const valid =
    entry['format'] === CACHE_FORMAT &&
    isText(entry['profile']) &&
    isText(entry['fingerprint']) &&
    isWholeSeconds(entry['fetchedAt']) &&
    isWholeSeconds(entry['ttl']) &&
    (entry['ttl'] as number) <= MAX_LIFETIME_SECONDS &&
    entry['expiresAt'] === (entry['fetchedAt'] as number) + (entry['ttl'] as number) &&
    (entry['expiresAt'] as number) <= LATEST_EPOCH_SECONDS &&
    credentialValueProblem(entry['accessKeyId'], MAX_CREDENTIAL_LENGTH.accessKeyId) === undefined &&
    credentialValueProblem(entry['secretAccessKey'], MAX_CREDENTIAL_LENGTH.secretAccessKey) === undefined &&
    credentialValueProblem(entry['sessionToken'], MAX_CREDENTIAL_LENGTH.sessionToken) === undefined &&
    (entry['accountId'] === undefined || (typeof entry['accountId'] === 'string' && /^\d{12}$/.test(entry['accountId'])));
  if (!valid) {
    return undefined;
  }

  return entry as unknown as CacheEntry;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function isWholeSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
