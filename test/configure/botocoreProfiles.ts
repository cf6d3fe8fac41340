import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { hasBoto3 } from '../helpers/requireTool';

const run = promisify(execFile);

type Profiles = Record<string, Record<string, string>>;

/** Either the profiles botocore reads, or the name and text of the error it raises for the file. */
export type BotocoreResult = { profiles: Profiles } | { error: string };

/**
 * Loads each file with botocore's own `load_config`, in one Python process. Nested blocks come back
 * flattened to `s3.max_concurrent_requests`, the keys the AWS SDK for JavaScript reads for them.
 */
const SCRIPT = `
import json, sys
from botocore.configloader import load_config
results = []
for path in sys.argv[1:]:
    try:
        profiles = load_config(path)['profiles']
    except Exception as error:
        results.append({'error': type(error).__name__ + ': ' + str(error)})
        continue
    flat = {}
    for name, settings in profiles.items():
        flat[name] = {}
        for key, value in settings.items():
            if isinstance(value, dict):
                for sub_key, sub_value in value.items():
                    flat[name][key + '.' + sub_key] = sub_value
            else:
                flat[name][key] = value
    results.append({'profiles': flat})
print(json.dumps(results))
`;

/** Whether botocore is installed; outside CI the agreement checks are skipped without it. */
export const hasBotocore = hasBoto3;

export async function loadConfigsWithBotocore(texts: readonly string[]): Promise<BotocoreResult[]> {
  const directory = await mkdtemp(join(tmpdir(), 'vault-aws-botocore-'));
  try {
    const paths = texts.map((_, index) => join(directory, `config-${index}`));
    await Promise.all(texts.map((text, index) => writeFile(paths[index] ?? '', text)));
    const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, ...paths], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as BotocoreResult[];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export async function loadConfigWithBotocore(text: string): Promise<BotocoreResult> {
  const [result] = await loadConfigsWithBotocore([text]);
  if (result === undefined) {
    throw new Error('botocore returned no result');
  }

  return result;
}

/**
 * Returns the profiles from the JavaScript SDK's reading of a config file, without its
 * `sso-session.NAME` and `services.NAME` entries, in the shape of a botocore result.
 */
export function javaScriptProfiles(sections: Record<string, Record<string, string | undefined>>): Profiles {
  const profiles: Profiles = {};
  for (const [name, settings] of Object.entries(sections)) {
    if (!name.startsWith('sso-session.') && !name.startsWith('services.')) {
      profiles[name] = Object.fromEntries(Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined));
    }
  }

  return profiles;
}
