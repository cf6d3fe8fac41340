import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

type Sections = Record<string, Record<string, string | undefined>>;

/**
 * Parses config file text with the AWS SDK for JavaScript's own loader and returns its sections:
 * profiles by name, and `sso-session.NAME` and `services.NAME` entries.
 */
export async function loadConfigWithSdk(text: string): Promise<Sections> {
  const directory = await mkdtemp(join(tmpdir(), 'vault-aws-sdk-'));
  try {
    await writeFile(join(directory, 'config'), text);
    const { configFile } = await loadSharedConfigFiles({
      configFilepath: join(directory, 'config'),
      filepath: join(directory, 'credentials'),
      ignoreCache: true,
    });
    return configFile as Sections;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
