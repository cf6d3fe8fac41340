import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { classifyCacheFile } from '../cache/cacheEntry';
import { printable } from '../output/printable';
import { findingsFor, type Finding } from './finding';

/**
 * Checks that the cache directory and the files in it are private: a real directory owned by this
 * user with mode 0700, and files owned by this user that group and others cannot access. It changes
 * nothing. credential-process tightens loose modes the next time it runs.
 */
export function checkCacheFiles(directory: string): Finding[] {
  const finding = findingsFor(directory);
  const uid = process.getuid?.();
  const elsewhere = 'or set VAULT_AWS_CACHE_DIR to a directory of your own';

  let stats: Stats;
  try {
    stats = lstatSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [finding.pass('cache.directory', 'does not exist yet; the first credential request creates it with mode 0700')];
    }

    const found = `lstat failed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    return [finding.fail('cache.directory', found, `make its parent directory searchable by you, ${elsewhere}`)];
  }

  if (stats.isSymbolicLink()) {
    return [finding.fail('cache.directory', 'is a symbolic link, so vault-aws does not cache credentials in it', `replace it with a directory, ${elsewhere}`)];
  }

  if (!stats.isDirectory()) {
    return [finding.fail('cache.directory', 'is not a directory', `remove it, ${elsewhere}`)];
  }

  if (uid !== undefined && stats.uid !== uid) {
    return [finding.fail('cache.directory', `belongs to user id ${stats.uid}, not to you (${uid})`, `remove it, ${elsewhere}`)];
  }

  const mode = formatMode(stats.mode);
  if ((stats.mode & 0o077) !== 0) {
    return [finding.fail('cache.directory', `mode ${mode} lets other users in`, `run "chmod 700 ${directory}"`), ...checkEntries(directory, uid)];
  }

  return [finding.pass('cache.directory', `mode ${mode}, owned by you`), ...checkEntries(directory, uid)];
}

function checkEntries(directory: string, uid: number | undefined): Finding[] {
  const finding = findingsFor(directory);
  const exposed: string[] = [];
  const irregular: string[] = [];
  const names = readdirSync(directory);
  for (const name of names) {
    let stats: Stats;
    try {
      stats = lstatSync(join(directory, name));
    } catch {
      // Removed since readdir.
      continue;
    }

    if (uid !== undefined && stats.uid !== uid) {
      exposed.push(`${printable(name)} (owner ${stats.uid})`);
    } else if ((stats.mode & 0o077) !== 0) {
      exposed.push(`${printable(name)} (mode ${formatMode(stats.mode)})`);
    }

    const kind = classifyCacheFile(name)?.kind;
    if ((kind === 'entry' || kind === 'lock' || kind === 'failure record') && !stats.isFile()) {
      // rename() cannot replace a directory with a file, so such an entry is never written.
      irregular.push(`${printable(name)} (${describeFileType(stats)})`);
    }
  }

  const findings: Finding[] = [];
  if (exposed.length > 0) {
    findings.push(finding.fail('cache.entries', `files other users can reach: ${exposed.join(', ')}`, 'remove them; "vault-aws cache clear" deletes every cache entry'));
  }

  if (irregular.length > 0) {
    findings.push(
      finding.fail('cache.files', `not regular files, so credentials are not cached for them: ${irregular.join(', ')}`, 'remove them; "vault-aws cache clear" removes those it can and names the others'),
    );
  }

  if (findings.length === 0) {
    findings.push(finding.pass('cache.entries', `${names.length} file${names.length === 1 ? '' : 's'}, each private to you`));
  }

  return findings;
}

function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) {
    return 'directory';
  }

  if (stats.isSymbolicLink()) {
    return 'symbolic link';
  }

  return stats.isFIFO() ? 'FIFO' : 'special file';
}

function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}
