import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { profileOfFileName, type CacheEntry } from './cacheEntry';
import { checkCacheDirectory } from './checkCacheDirectory';
import { readCacheEntry } from './readCacheEntry';

export interface ListedEntry {
  profile: string;
  path: string;
  /** Undefined when the file is not a usable entry; `problem` says why. */
  entry: CacheEntry | undefined;
  problem: string | undefined;
}

/** Lists the entries in the cache directory, sorted by profile; an empty list when it does not exist. */
export function listCacheEntries(directory: string): ListedEntry[] {
  if (!checkCacheDirectory(directory)) {
    return [];
  }

  const listed: ListedEntry[] = [];
  for (const name of readdirSync(directory)) {
    const profile = profileOfFileName(name);
    if (profile === undefined) {
      continue;
    }

    const path = join(directory, name);
    const read = readCacheEntry(path);
    listed.push({ profile, path, entry: read.entry, problem: read.reason });
  }

  return listed.sort((left, right) => left.profile.localeCompare(right.profile));
}
