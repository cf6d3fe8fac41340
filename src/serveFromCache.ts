import { checkCacheDirectory } from './cache/checkCacheDirectory';
import { checkPathVariables } from './checkPathVariables';
import { entryPath } from './cache/cacheEntry';
import { readCacheEntry } from './cache/readCacheEntry';
import { fingerprintOf } from './credentials/fingerprint';
import { judgeEntry } from './credentials/judgeEntry';
import { debug } from './log';
import { formatProcessCredentials } from './output/formatProcessCredentials';
import { exitAfterStdoutFailure } from './output/stdoutFailure';
import { writeToStdout } from './output/writeToStdout';
import { cacheDirectory, profileMapPath } from './profiles/paths';
import { readProfileMap } from './profiles/readProfileMap';
import { resolveProfile } from './profiles/resolveProfile';
import { checkScalarSettings } from './vault/readScalarSettings';

/**
 * The cache-hit path of `credential-process`: prints fresh cached credentials and returns true, or
 * returns false so that the caller loads the full program, which fetches, locks and reports errors.
 * It loads only Node's built-in modules and never touches the network. A failed write to stdout
 * ends the process (exitAfterStdoutFailure) rather than returning false, so that the miss path
 * never writes the credentials a second time.
 */
export function serveFromCache(
  profileName: string,
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = writeToStdout,
): boolean {
  // Both throw on a value that cannot be used, so that the full program reports it now.
  checkPathVariables(env);
  checkScalarSettings(env);
  const profile = resolveProfile(readProfileMap(profileMapPath(env)), profileName, env);
  const directory = cacheDirectory(env);
  if (!checkCacheDirectory(directory)) {
    debug(`cache: directory ${directory} does not exist yet`);
    return false;
  }

  const path = entryPath(directory, profileName);
  const read = readCacheEntry(path, { repair: true });
  if (read.entry === undefined) {
    debug(`cache: miss for profile ${profileName} at ${path}: ${read.reason}`);
    return false;
  }

  const judgement = judgeEntry(read.entry, profileName, fingerprintOf(profile), Math.floor(Date.now() / 1000));
  if (!judgement.fresh) {
    debug(`cache: miss for profile ${profileName} at ${path}: ${judgement.reason}`);
    return false;
  }

  try {
    write(formatProcessCredentials(read.entry));
  } catch (error) {
    exitAfterStdoutFailure(error);
  }

  debug(`cache: hit for profile ${profileName} at ${path}, expires in ${read.entry.expiresAt - Math.floor(Date.now() / 1000)} s`);
  return true;
}
