import { unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkCacheDirectory } from '../../cache/checkCacheDirectory';
import { ensureCacheDirectory } from '../../cache/ensureCacheDirectory';
import { acquireProfileLock, type ProfileLock } from '../../cache/profileLock';
import { writeCacheFile } from '../../cache/writeCacheFile';
import { CacheError } from '../../errors';
import { debug } from '../../log';
import type { VaultClient } from '../vaultClient';
import { logIn, type LoginContext } from './logIn';
import { isInteractiveMethod, type LoginSettings, type LoginToken } from './loginSettings';
import { readLoginEntryFile } from './readLoginEntryFile';
import { isLoginEntryFresh, loginEntryPath, loginKey, parseLoginEntry, toLoginEntry, type LoginTokenEntry } from './loginTokenEntry';

export interface LoginSession {
  token: string;
  /** Origin of the token, for messages: `the approle login at auth/approle`. */
  source: string;
  /** True when the token was read from the cache rather than obtained by this call. */
  fromCache: boolean;
  /** When the token's lease ends, in milliseconds since the epoch; undefined when it does not expire. */
  expiresAt: number | undefined;
}

export interface ObtainOptions {
  /** The cache directory; undefined logs in without caching. */
  cacheDirectory: string | undefined;
  context: LoginContext;
  /** Log in even when a fresh token is cached, as `vault-aws login` does. */
  forceLogin?: boolean;
  /** A cached token that Vault just rejected: it is removed and never returned. */
  rejectedToken?: string;
}

/** Extra wait for the login lock beyond the Vault timeout, for the holder to write the entry. */
const LOCK_MARGIN_MS = 15_000;

/**
 * Returns a login token for the settings: a fresh cached one, else a new login, written to the
 * cache (mode 0600, atomically) for every profile with the same Vault and auth settings. A lock
 * keeps parallel processes from logging in more than once; methods that need a person are not
 * locked, because only `vault-aws login` runs them.
 */
export async function obtainLoginToken(client: VaultClient, settings: LoginSettings, options: ObtainOptions): Promise<LoginSession> {
  const key = loginKey(client.options, settings);
  const source = `the ${settings.method} login at auth/${settings.mount}`;
  const path = options.cacheDirectory === undefined ? undefined : loginEntryPath(options.cacheDirectory, key);
  const reuse = (entry: LoginTokenEntry | undefined): LoginSession | undefined =>
    entry !== undefined && options.forceLogin !== true && entry.token !== options.rejectedToken && isLoginEntryFresh(entry, Math.floor(Date.now() / 1000))
      ? { token: entry.token, source: `${source} (cached)`, fromCache: true, expiresAt: entry.leaseSeconds === 0 ? undefined : (entry.obtainedAt + entry.leaseSeconds) * 1000 }
      : undefined;
  const fresh = (login: LoginToken): LoginSession => ({ token: login.token, source, fromCache: false, expiresAt: login.leaseSeconds === 0 ? undefined : login.obtainedAt + login.leaseSeconds * 1000 });

  const cached = path === undefined ? undefined : reuse(readEntry(path, key));
  if (cached !== undefined || path === undefined) {
    return cached ?? fresh(await logIn(client, settings, options.context));
  }

  const lock = await lockEntry(path, client.options.timeoutMs, !isInteractiveMethod(settings.method));
  try {
    const entry = readEntry(path, key);
    const written = reuse(entry);
    if (written !== undefined) {
      debug(`login: using the token another process obtained while this one waited`);
      return written;
    }

    if (entry !== undefined && entry.token === options.rejectedToken) {
      removeEntry(path);
    }

    const login = await logIn(client, settings, options.context);
    try {
      writeCacheFile(path, JSON.stringify(toLoginEntry(key, login)));
    } catch (error) {
      debug(`login: caching the token failed (${(error as NodeJS.ErrnoException).code ?? String(error)}); it is used for this call only`);
    }

    return fresh(login);
  } finally {
    lock?.release();
  }
}

/** Removes the cached token of these settings, for example after Vault rejected it. */
export function forgetLoginToken(cacheDirectory: string, target: { address: string; namespace: string | undefined }, settings: LoginSettings): void {
  removeEntry(loginEntryPath(cacheDirectory, loginKey(target, settings)));
}

function readEntry(path: string, key: string): LoginTokenEntry | undefined {
  try {
    const directory = dirname(path);
    if (!checkCacheDirectory(directory)) {
      return undefined;
    }

    const text = readLoginEntryFile(path);
    return text === undefined ? undefined : parseLoginEntry(text, key);
  } catch (error) {
    if (error instanceof CacheError) {
      throw error;
    }

    return undefined;
  }
}

function removeEntry(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Creates the cache directory and, when `lock` is true, takes the entry's lock. */
async function lockEntry(path: string, timeoutMs: number, lock: boolean): Promise<ProfileLock | undefined> {
  try {
    ensureCacheDirectory(dirname(path));
    if (!lock) {
      return undefined;
    }

    const waitMs = (timeoutMs > 0 ? timeoutMs : 5 * 60_000) + LOCK_MARGIN_MS;
    return await acquireProfileLock(`${path}.lock`, Date.now() + waitMs);
  } catch (error) {
    if (error instanceof CacheError) {
      throw error;
    }

    debug(`login: the cache directory is not usable (${(error as NodeJS.ErrnoException).code ?? String(error)}); logging in without caching the token`);
    return undefined;
  }
}
