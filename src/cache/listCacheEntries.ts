import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { classifyCacheFile, entryFileName, profileOfFileName, type CacheEntry } from './cacheEntry';
import { checkCacheDirectory } from './checkCacheDirectory';
import { readCacheEntry } from './readCacheEntry';

export interface ListedEntry {
  /** The entry's `profile` field; for an unreadable entry, the name decoded from the file name, else the file name. */
  profile: string;
  path: string;
  /** Undefined when the file is not a usable entry; `problem` says why. */
  entry: CacheEntry | undefined;
  problem: string | undefined;
}

/**
 * Lists the entries in the cache directory, sorted by profile; an empty list when it does not exist.
 * It changes nothing in the cache: an entry open to other users or hard-linked is listed as invalid.
 */
export function listCacheEntries(directory: string): ListedEntry[] {
  if (!checkCacheDirectory(directory)) {
    return [];
  }

  const listed: ListedEntry[] = [];
  for (const name of readdirSync(directory)) {
    const file = classifyCacheFile(name);
    if (file?.kind !== 'entry' || !name.startsWith('profile-')) {
      continue;
    }

    const path = join(directory, name);
    const read = readCacheEntry(path, { repair: false });
    if (read.entry === undefined) {
      listed.push({ profile: profileOfFileName(name) ?? name, path, entry: undefined, problem: read.reason });
    } else if (entryFileName(read.entry.profile) !== name) {
      // A copy under another profile's file name: credential-process for that profile would reject it.
      listed.push({ profile: read.entry.profile, path, entry: undefined, problem: `entry of profile ${JSON.stringify(read.entry.profile)} stored under the file name ${name}` });
    } else {
      listed.push({ profile: read.entry.profile, path, entry: read.entry, problem: undefined });
    }
  }

  return listed.sort((left, right) => left.profile.localeCompare(right.profile));
}
