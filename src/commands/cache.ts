import type { Argv, CommandModule } from 'yargs';
import { clearCache, type ClearResult } from '../cache/clearCache';
import { listCacheEntries } from '../cache/listCacheEntries';
import { judgeEntry } from '../credentials/judgeEntry';
import { refreshWindowSeconds } from '../credentials/refreshWindow';
import { formatDuration } from '../profiles/duration';
import { formatExpiration } from '../output/formatProcessCredentials';
import { EXIT_FAILURE } from '../errors';
import { cacheDirectory } from '../profiles/paths';
import { printable } from '../output/printable';

type Environment = Record<string, string | undefined>;

export interface CachedProfileStatus {
  profile: string;
  path: string;
  /** `fresh` (served from the cache), `refresh-due` (inside the refresh window), `expired` or `invalid`. */
  state: 'fresh' | 'refresh-due' | 'expired' | 'invalid';
  expiration: string | undefined;
  remainingSeconds: number | undefined;
  problem: string | undefined;
}

/** Describes every cache entry without any secret. */
export function listCache(env: Environment, nowSeconds = Math.floor(Date.now() / 1000)): CachedProfileStatus[] {
  return listCacheEntries(cacheDirectory(env)).map(({ profile, path, entry, problem }) => {
    if (entry === undefined) {
      return { profile, path, state: 'invalid', expiration: undefined, remainingSeconds: undefined, problem };
    }

    // Settings are not compared here: the fingerprint belongs to the credential path.
    const judgement = judgeEntry(entry, entry.profile, entry.fingerprint, nowSeconds);
    const remainingSeconds = entry.expiresAt - nowSeconds;
    let state: CachedProfileStatus['state'] = 'invalid';
    if (judgement.fresh) {
      state = 'fresh';
    } else if (judgement.usable) {
      state = 'refresh-due';
    } else if (remainingSeconds <= 0) {
      state = 'expired';
    }

    return {
      profile,
      path,
      state,
      expiration: formatExpiration(entry.expiresAt),
      remainingSeconds,
      problem: judgement.fresh || judgement.usable ? undefined : judgement.reason,
    };
  });
}

function printList(statuses: CachedProfileStatus[], json: boolean, directory: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(statuses)}\n`);
    return;
  }

  if (statuses.length === 0) {
    process.stdout.write(`No cached credentials in ${printable(directory)}.\n`);
    return;
  }

  const rows = statuses.map((status) => [
    printable(status.profile),
    status.state,
    status.expiration ?? '-',
    formatRemaining(status.remainingSeconds),
    printable(status.problem ?? ''),
  ]);
  const header = ['PROFILE', 'STATE', 'EXPIRATION (UTC)', 'REMAINING', 'NOTE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  for (const row of [header, ...rows]) {
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()}\n`);
  }

  process.stdout.write(`\nCredentials are served from the cache while more than ${formatDuration(refreshWindowSeconds(3600))} remain (at most half their lifetime).\n`);
}

function formatRemaining(seconds: number | undefined): string {
  if (seconds === undefined) {
    return '-';
  }

  return seconds > 0 ? formatDuration(seconds) : 'expired';
}

/** Prints what `cache clear` did and sets exit code 1 when a file could not be removed. */
function printCleared(result: ClearResult, profile: string | undefined): void {
  const scope = profile === undefined ? 'all profiles' : `profile ${JSON.stringify(printable(profile))}`;
  process.stdout.write(`Removed ${result.removedEntries} cached credential entr${result.removedEntries === 1 ? 'y' : 'ies'} for ${scope}.\n`);
  if (result.removedLoginTokens > 0) {
    process.stdout.write(`Removed ${result.removedLoginTokens} cached Vault login token${result.removedLoginTokens === 1 ? '' : 's'}.\n`);
  }

  if (result.removedEntries > 0) {
    process.stdout.write('Vault cannot revoke STS credentials: the removed keys stay valid in AWS until they expire.\n');
  }

  for (const lock of result.liveLocks) {
    process.stdout.write(`Kept ${printable(lock)}: a running vault-aws process holds it.\n`);
  }

  for (const failure of result.failures) {
    process.stderr.write(`vault-aws: could not remove ${printable(failure.path)}: ${failure.code}; remove it by hand, or check the permissions and mount of the cache directory\n`);
  }

  if (result.failures.length > 0) {
    process.exitCode = EXIT_FAILURE;
  }
}

interface ListArguments {
  json: boolean;
}

interface ClearArguments {
  profile: string | undefined;
}

export const cacheCommand: CommandModule = {
  command: 'cache <command>',
  describe: 'List or clear cached credentials',
  builder: (yargs: Argv) =>
    yargs
      .command<ListArguments>({
        command: 'list',
        describe: 'Show each cached profile with its expiration and remaining lifetime (never a secret)',
        builder: (inner) => inner.option('json', { type: 'boolean', default: false, describe: 'Print a JSON array instead of a table' }),
        handler: (args) => {
          printList(listCache(process.env), args.json, cacheDirectory(process.env));
        },
      })
      .command<ClearArguments>({
        command: 'clear',
        describe: 'Delete cached credentials, so the next call fetches new ones from Vault',
        builder: (inner) => inner.option('profile', { type: 'string', describe: 'Delete only this profile\'s entry (default: every profile)' }),
        handler: (args) => {
          printCleared(clearCache(cacheDirectory(process.env), args.profile), args.profile);
        },
      })
      .demandCommand(1, 'Name a cache command: list or clear.'),
  handler: () => undefined,
};
