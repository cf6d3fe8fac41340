import { fixAwsConfig } from '../doctor/checkAwsConfig';
import { formatTable, type Cell } from '../output/formatTable';
import { createPainter, type Color } from '../output/terminalColors';
import { formatDuration } from '../profiles/duration';
import type { ProfileListing } from './describeProfiles';

const HEADER = ['PROFILE', 'VAULT ROLE', 'MOUNT', 'ACCOUNT', 'AWS ROLE', 'VAULT ADDRESS', 'CACHE', 'AWS CONFIG'];

const AWS_CONFIG_TEXT: Record<ProfileListing['awsConfig']['state'], { text: string; color: Color }> = {
  'this-installation': { text: 'ok', color: 'green' },
  'other-profile': { text: 'other profile', color: 'red' },
  'relative-path': { text: 'through PATH', color: 'yellow' },
  'other-installation': { text: 'other copy', color: 'yellow' },
  'other-command': { text: 'other command', color: 'yellow' },
  missing: { text: 'no credential_process', color: 'red' },
  'no-profile': { text: 'no profile', color: 'red' },
  'no-file': { text: 'no config file', color: 'red' },
};

/** Formats the listings as a table, followed by one line per profile that cannot be used or is not set up. */
export function formatProfileTable(listings: readonly ProfileListing[], color: boolean): string {
  const paint = createPainter(color);
  const painted = (text: string, tone: Color): Cell => ({ text, paint: (padded) => paint(tone, padded) });

  const rows = listings.map((listing): Cell[] => {
    const awsConfig = AWS_CONFIG_TEXT[listing.awsConfig.state];
    return [
      listing.profile,
      listing.vaultRole ?? '-',
      listing.mount ?? '-',
      listing.accountId ?? '-',
      listing.awsRole ?? '-',
      listing.address ?? '-',
      painted(...cacheText(listing)),
      painted(awsConfig.text, awsConfig.color),
    ];
  });

  const notes: string[] = [];
  for (const listing of listings) {
    if (listing.problem !== undefined) {
      notes.push(`${listing.profile}: ${listing.problem}`);
    }

    if (listing.cache.state === 'invalid' && listing.problem === undefined) {
      notes.push(`${listing.profile}: cache entry not used: ${listing.cache.note ?? 'unreadable'}; the next request fetches new credentials from Vault`);
    }

    if (listing.awsConfig.state !== 'this-installation') {
      notes.push(`${listing.profile}: ${listing.awsConfig.detail}; ${fixAwsConfig(listing.profile, listing.awsConfig.state)}`);
    }
  }

  const footer = notes.length === 0 ? '' : `\n${notes.map((note) => `${note}\n`).join('')}`;
  return `${formatTable(HEADER, rows)}${footer}`;
}

function cacheText(listing: ProfileListing): [string, Color] {
  const { state, remainingSeconds } = listing.cache;
  const left = remainingSeconds === undefined ? '' : `, ${formatDuration(remainingSeconds)} left`;
  switch (state) {
    case 'fresh':
      return [`fresh${left}`, 'green'];
    case 'refresh-due':
      return [`refresh due${left}`, 'yellow'];
    case 'expired':
      return ['expired', 'dim'];
    case 'invalid':
      return ['invalid', 'yellow'];
    case 'none':
      return ['none', 'dim'];
  }
}
