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
 * Maximum entry file name length, in bytes. The longest name derived from it, a failure record's
 * temporary file (`.failure.PID.HEX.tmp`, at most 33 bytes more), must stay within the 255 bytes
 * that Linux, macOS and Windows file systems allow.
 */
const MAX_ENTRY_FILE_NAME_BYTES = 200;

/** Bytes of the escaped profile name kept in front of the hash when the whole name is too long. */
const HASHED_NAME_PREFIX_BYTES = 120;

/**
 * The entry's file name: the profile name with every character outside `[A-Za-z0-9_.@-]` written
 * as `%XX`, behind a fixed prefix so that names such as `..` stay inside the directory. A name
 * longer than MAX_ENTRY_FILE_NAME_BYTES keeps the start of the escaped name followed by `~` and a
 * SHA-256 prefix of the profile name; `~` is always escaped, so the two forms never collide.
 */
export function entryFileName(profile: string): string {
  // Most names need no escaping; skipping the byte-by-byte pass saves time on every cache hit.
  const escaped = /^[A-Za-z0-9_.@-]*$/.test(profile)
    ? profile
    : Array.from(Buffer.from(profile, 'utf8'), (byte) => {
        const character = String.fromCharCode(byte);
        return /[A-Za-z0-9_.@-]/.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }).join('');
  const name = `profile-${escaped}.json`;
  if (name.length <= MAX_ENTRY_FILE_NAME_BYTES) {
    return name;
  }

  // Loaded here, not at the top: node:crypto adds about 3 ms to every cache hit, and few names are this long.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const hash = createHash('sha256').update(profile, 'utf8').digest('hex').slice(0, 32);
  return `profile-${escaped.slice(0, HASHED_NAME_PREFIX_BYTES)}~${hash}.json`;
}

/**
 * Returns the profile name of an entry file name, or undefined for any other file and for the hashed form
 * of a long name. Only for display: the entry's own `profile` field is what counts.
 */
export function profileOfFileName(name: string): string | undefined {
  const match = /^profile-([A-Za-z0-9_.@%-]+)\.json$/.exec(name);
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

/** The files kept beside an entry, named by a fixed suffix after the entry's file name. */
export type CacheFileKind = 'entry' | 'lock' | 'failure record' | 'temporary' | 'lock temporary' | 'stale lock';

/*
 * Every cache file name is an entry file name (ending in `.json`) followed by exactly one of:
 * nothing, `.lock`, `.failure`, a temporary suffix `.PID.HEX12.tmp` after any of those three, or
 * `.lock.stale.PID.HEX8`. Each suffix starts with a fixed word or ends in one that `.json` cannot
 * end in, so a name splits into entry name and suffix in one way only, even when the profile name
 * itself contains `.json.`.
 */
const CACHE_FILE_NAME = /^(.+\.json)(\.lock|\.failure)?(\.\d+\.[0-9a-f]{12}\.tmp|\.stale\.\d+\.[0-9a-f]{8})?$/;

/** Splits a cache file name into the entry file name it belongs to and its kind; undefined for other names. */
export function classifyCacheFile(name: string): { entryName: string; kind: CacheFileKind } | undefined {
  const match = CACHE_FILE_NAME.exec(name);
  if (match === null) {
    return undefined;
  }

  const [, entryName = '', file, suffix] = match;
  if (suffix?.startsWith('.stale.') === true) {
    return file === '.lock' ? { entryName, kind: 'stale lock' } : undefined;
  }

  if (suffix !== undefined) {
    return { entryName, kind: file === '.lock' ? 'lock temporary' : 'temporary' };
  }

  if (file === '.lock') {
    return { entryName, kind: 'lock' };
  }

  return { entryName, kind: file === '.failure' ? 'failure record' : 'entry' };
}

export function entryPath(cacheDirectory: string, profile: string): string {
  return join(cacheDirectory, entryFileName(profile));
}

/**
 * Returns the entry in `text`, or undefined when it is not a complete entry of this format, or when it
 * contains values that Vault's response would not have passed with.
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
