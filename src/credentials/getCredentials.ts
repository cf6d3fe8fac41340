import { CACHE_FORMAT, entryPath, type CacheEntry } from '../cache/cacheEntry';
import { ensureCacheDirectory } from '../cache/ensureCacheDirectory';
import { readFailureRecord, removeFailureRecord, writeFailureRecord } from '../cache/failureRecord';
import { checkCacheDirectory } from '../cache/checkCacheDirectory';
import { acquireProfileLock, LockTimeoutError, type ProfileLock } from '../cache/profileLock';
import { readCacheEntry } from '../cache/readCacheEntry';
import { removeStaleTemporaryFiles } from '../cache/removeStaleTemporaryFiles';
import { writeCacheFile } from '../cache/writeCacheFile';
import { CacheError, VaultAwsError } from '../errors';
import { debug } from '../log';
import type { ResolvedProfile } from '../profiles/resolveProfile';
import { readClientOptions, withTimeoutLimit, type VaultClientOptions } from '../vault/readClientOptions';
import { describeVaultFailure } from './describeVaultFailure';
import { fetchCredentials } from './fetchCredentials';
import { fingerprintOf } from './fingerprint';
import { judgeEntry, type EntryJudgement } from './judgeEntry';

type Environment = Record<string, string | undefined>;

export interface GetCredentialsOptions {
  profile: ResolvedProfile;
  cacheDirectory: string;
  /** Ignore a fresh cache entry written before this call started. */
  forceRefresh: boolean;
  env: Environment;
}

/**
 * After a failed Vault request, a process that finds still-valid cached credentials serves them
 * without asking Vault again for this long, in milliseconds. botocore keeps re-running the process
 * inside its refresh window, which would otherwise turn every AWS call into a Vault call.
 */
const FAILURE_BACKOFF_MS = 30_000;

/** Below this lifetime the cache refetches on nearly every run, because the refresh window is 20 minutes. */
const SHORT_LIFETIME_SECONDS = 25 * 60;

/**
 * Maximum wait for Vault or for another process's lock, in milliseconds, while cached credentials
 * that are still valid can be served instead. The Rust SDK gave a credential process 5 seconds
 * before smithy-rs release-2026-07-23, and an AWS command should not hang on a refresh it can skip.
 */
const REFRESH_TIMEOUT_MS = 5_000;

/** Extra wait for the lock beyond the Vault timeout, for the holder to write the entry. */
const LOCK_MARGIN_MS = 15_000;

/**
 * Returns credentials for a profile: a fresh cache entry, else credentials fetched from Vault under
 * the profile's lock (processes that waited for the lock re-read the entry and use what the holder
 * fetched). A cache that cannot be used never stops credentials from being returned.
 */
export async function getCredentials(options: GetCredentialsOptions): Promise<CacheEntry> {
  const { profile } = options;
  const startedAt = Date.now();
  const fingerprint = fingerprintOf(profile);
  const path = entryPath(options.cacheDirectory, profile.profile);
  const clientOptions = readClientOptions(options.env, profile);

  // An entry that is still valid is served if the lock's holder takes longer than a refresh may.
  const early = options.forceRefresh ? undefined : readBeforeLocking(options.cacheDirectory, path, profile.profile, fingerprint);
  if (early?.judgement.fresh === true) {
    return early.entry;
  }

  let lock: ProfileLock | undefined;
  try {
    lock = await lockCache(options.cacheDirectory, path, early === undefined ? undefined : startedAt + REFRESH_TIMEOUT_MS, clientOptions, startedAt);
  } catch (error) {
    if (!(error instanceof LockTimeoutError) || early === undefined) {
      throw error;
    }

    debug(`lock: ${error.message}; serving cached credentials that are still valid`);
    return early.entry;
  }

  if (lock === undefined) {
    return toEntry(await fetchOrDescribe(options, clientOptions), profile, fingerprint);
  }

  try {
    removeStaleTemporaryFiles(path);
    const read = readCacheEntry(path, { repair: true });
    const cached = read.entry;
    const judgement: EntryJudgement | undefined = cached === undefined ? undefined : judgeEntry(cached, profile.profile, fingerprint, Math.floor(Date.now() / 1000));
    // With --force-refresh, parallel runs share the one fetch made while they waited for the lock.
    const writtenDuringThisCall = read.entry !== undefined && lock.waited && read.modifiedAt >= startedAt;
    if (cached !== undefined && judgement?.fresh === true && (!options.forceRefresh || writtenDuringThisCall)) {
      debug(`cache: using entry for profile ${profile.profile}${lock.waited ? ' written while this process waited for the lock' : ''}`);
      return cached;
    }

    const failure = readFailureRecord(path);
    if (failure !== undefined && lock.waited && failure.at >= startedAt) {
      // The process this one waited for has just failed; repeating its request would multiply the load on Vault.
      if (cached !== undefined && judgement?.usable === true) {
        debug(`vault: the lock holder failed (${failure.message}); serving cached credentials that are still valid`);
        return cached;
      }

      throw new VaultAwsError(failure.message, { exitCode: failure.exitCode });
    }

    const recentFailure = failure !== undefined && Date.now() - failure.at < FAILURE_BACKOFF_MS;
    if (recentFailure && !options.forceRefresh && cached !== undefined && judgement?.usable === true) {
      debug(`vault: last request failed ${Math.round((Date.now() - failure.at) / 1000)} s ago; serving cached credentials that are still valid`);
      return cached;
    }

    const fallback = !options.forceRefresh && cached !== undefined && judgement?.usable === true;
    let entry: CacheEntry;
    try {
      entry = toEntry(await fetchOrDescribe(options, fallback ? withRefreshTimeout(clientOptions) : clientOptions), profile, fingerprint);
    } catch (error) {
      const described = error instanceof VaultAwsError ? error : new VaultAwsError(String(error), { cause: error });
      tryToCache(() => writeFailureRecord(path, { at: Date.now(), message: described.message, exitCode: described.exitCode }));
      if (fallback) {
        debug(`vault: refresh failed (${described.message}); serving cached credentials that are still valid`);
        return cached;
      }

      throw described;
    }

    tryToCache(() => {
      writeCacheFile(path, JSON.stringify(entry));
      removeFailureRecord(path);
    });
    return entry;
  } finally {
    lock.release();
  }
}

/** Reads the entry without the lock; returns it only when it can still be used. */
function readBeforeLocking(directory: string, path: string, profile: string, fingerprint: string): { entry: CacheEntry; judgement: EntryJudgement } | undefined {
  try {
    if (!checkCacheDirectory(directory)) {
      return undefined;
    }
  } catch {
    // Reported by lockCache, which checks the directory again.
    return undefined;
  }

  const entry = readCacheEntry(path, { repair: false }).entry;
  const judgement = entry === undefined ? undefined : judgeEntry(entry, profile, fingerprint, Math.floor(Date.now() / 1000));
  return entry !== undefined && judgement?.usable === true ? { entry, judgement } : undefined;
}

/**
 * Takes the profile's lock, waiting until `deadline` or else the Vault timeout and a margin; returns
 * undefined when the cache directory cannot be created or written.
 */
async function lockCache(directory: string, path: string, deadline: number | undefined, clientOptions: VaultClientOptions, startedAt: number): Promise<ProfileLock | undefined> {
  try {
    ensureCacheDirectory(directory);
    const waitMs = clientOptions.timeoutMs > 0 ? clientOptions.timeoutMs + LOCK_MARGIN_MS : 5 * 60_000;
    return await acquireProfileLock(`${path}.lock`, deadline ?? startedAt + waitMs);
  } catch (error) {
    if (error instanceof CacheError) {
      throw error;
    }

    debug(`cache: ${directory} is not usable (${describeFileError(error)}); continuing without the cache`);
    return undefined;
  }
}

function withRefreshTimeout(clientOptions: VaultClientOptions): VaultClientOptions {
  return withTimeoutLimit(clientOptions, REFRESH_TIMEOUT_MS, 'on a refresh while cached credentials are still valid');
}

async function fetchOrDescribe(options: GetCredentialsOptions, clientOptions: VaultClientOptions): Promise<Awaited<ReturnType<typeof fetchCredentials>>> {
  let tokenSource: string | undefined;
  try {
    return await fetchCredentials(options.profile, clientOptions, options.env, (source) => {
      tokenSource = source;
    });
  } catch (error) {
    throw describeVaultFailure(error, options.profile, tokenSource);
  }
}

function toEntry(fetched: Awaited<ReturnType<typeof fetchCredentials>>, profile: ResolvedProfile, fingerprint: string): CacheEntry {
  const fetchedAt = Math.floor(fetched.sentAt / 1000);
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    profile: profile.profile,
    fingerprint,
    fetchedAt,
    ttl: fetched.lifetimeSeconds,
    expiresAt: fetchedAt + fetched.lifetimeSeconds,
    accessKeyId: fetched.accessKeyId,
    secretAccessKey: fetched.secretAccessKey,
    sessionToken: fetched.sessionToken,
  };

  if (fetched.accountId !== undefined) {
    entry.accountId = fetched.accountId;
  }

  if (fetched.lifetimeSeconds < SHORT_LIFETIME_SECONDS) {
    // Vault caps ttl at the role's max_sts_ttl without a warning; such credentials are due for refresh almost at once.
    debug(`vault: credentials live only ${fetched.lifetimeSeconds} s although ${profile.ttlSeconds} s were requested; raise the role's max_sts_ttl or ttl in the profile map`);
  }

  if (entry.expiresAt <= Math.floor(Date.now() / 1000)) {
    throw new VaultAwsError(`profile "${profile.profile}": Vault returned credentials that live ${fetched.lifetimeSeconds} s and have already expired; check the clock and the role's max_sts_ttl`);
  }

  return entry;
}

function tryToCache(write: () => void): void {
  try {
    write();
  } catch (error) {
    debug(`cache: write failed (${describeFileError(error)}); the credentials are still printed`);
  }
}

/** Describes a file system error by its errno code and path, such as `EROFS on /home/x/.cache`. */
function describeFileError(error: unknown): string {
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === undefined) {
    return String(error);
  }

  return path === undefined ? code : `${code} on ${path}`;
}
