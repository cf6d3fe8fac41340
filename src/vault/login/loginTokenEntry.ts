import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LoginSettings, LoginToken } from './loginSettings';

/** Version of the login-token entry layout; an entry of any other version is a miss. */
export const LOGIN_ENTRY_FORMAT = 1;

/** A cached login token. Times are whole seconds since the Unix epoch. */
export interface LoginTokenEntry {
  format: typeof LOGIN_ENTRY_FORMAT;
  /** The settings the token was obtained with (no secrets), to tell hash collisions and edits apart. */
  key: string;
  token: string;
  obtainedAt: number;
  /** Seconds the token lives from obtainedAt; 0 means no expiry. */
  leaseSeconds: number;
}

/**
 * The identity a login token belongs to: Vault address, namespace, method, mount and the role or
 * user. Profiles with the same key share one token. It names files, paths and IDs, never secrets.
 */
export function loginKey(target: { address: string; namespace: string | undefined }, settings: LoginSettings): string {
  const who =
    settings.method === 'approle'
      ? ['role_id', settings.roleId ?? '']
      : settings.method === 'userpass' || settings.method === 'ldap'
        ? ['username', settings.username ?? '']
        : ['role', settings.role ?? '', 'jwt_file', settings.jwtFile ?? '', 'region', settings.awsRegion ?? ''];
  return JSON.stringify([target.address, target.namespace ?? '', settings.method, settings.mount, ...who]);
}

/** Returns the entry's path, named by a hash of the key so that the file name reveals nothing about the login. */
export function loginEntryPath(cacheDirectory: string, key: string): string {
  return join(cacheDirectory, `login-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
}

export function toLoginEntry(key: string, login: LoginToken): LoginTokenEntry {
  return { format: LOGIN_ENTRY_FORMAT, key, token: login.token, obtainedAt: Math.floor(login.obtainedAt / 1000), leaseSeconds: login.leaseSeconds };
}

/** Returns the entry in `text` when it is complete, of this format and for `key`. */
export function parseLoginEntry(text: string, key: string): LoginTokenEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }

  const entry = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const token = entry['token'];
  const valid =
    entry['format'] === LOGIN_ENTRY_FORMAT &&
    entry['key'] === key &&
    typeof token === 'string' &&
    /^[\x21-\x7e]+$/.test(token) &&
    Number.isSafeInteger(entry['obtainedAt']) &&
    Number.isSafeInteger(entry['leaseSeconds']) &&
    (entry['leaseSeconds'] as number) >= 0;
  return valid ? (entry as unknown as LoginTokenEntry) : undefined;
}

/**
 * Seconds before a token's lease ends at which it is no longer handed out: a tenth of the lease,
 * between 10 seconds and 5 minutes, so that the STS request it is used for still finds it valid.
 */
export function loginRenewMarginSeconds(leaseSeconds: number): number {
  return Math.min(300, Math.max(10, Math.floor(leaseSeconds / 10)));
}

/** Tells whether a cached token may still be used at `nowSeconds`. */
export function isLoginEntryFresh(entry: LoginTokenEntry, nowSeconds: number): boolean {
  if (entry.leaseSeconds === 0) {
    return true;
  }

  // A clock that moved back past obtainedAt makes the entry untrustworthy.
  if (nowSeconds < entry.obtainedAt - 60) {
    return false;
  }

  return nowSeconds < entry.obtainedAt + entry.leaseSeconds - loginRenewMarginSeconds(entry.leaseSeconds);
}
