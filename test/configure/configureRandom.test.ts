import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { diffArrays } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { findAwsConfigProfileSections } from '../../src/aws-config/awsProfileSections';
import { ConfigError } from '../../src/errors';
import { scanIni } from '../../src/ini/scanIni';
import { createConfigureSandbox, FIXTURE_NODE_PATH, type ConfigureSandbox } from './configureSandbox';
import { generateAwsConfig, PROFILE_NAMES, seededRandom } from './generateAwsConfig';
import { hasBotocore, loadConfigsWithBotocore } from './botocoreProfiles';
import { loadConfigWithSdk } from './sdkProfiles';

/** Set CONFIGURE_RANDOM_SEED to explore other files. A failing case names its seed. */
const BASE_SEED = Number(process.env['CONFIGURE_RANDOM_SEED'] ?? 20_261_204);
const CASES = 150;
const seeds = Array.from({ length: CASES }, (_, index) => BASE_SEED + index);

const WRITTEN_LINE = /^(credential_process|region|output|vault_aws_managed) = /;
/** region and output lines that configure did not add keep their spacing and comment when it changes their value. */
const UPDATED_LINE = /^(credential_process|region|output)\s*=/;
const CONFLICT_KEYS = /^\s*(aws_access_key_id|aws_secret_access_key|sso_\w+|role_arn|source_profile|credential_process)\s*=/;

let sandbox: ConfigureSandbox;

/** Every file configure wrote, with the keys it set, for one botocore run at the end. */
const written: { seed: number; text: string; profile: string; settings: Record<string, string | undefined> }[] = [];

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

describe('configure on generated config files', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const random = seededRandom(seed);
    const generated = generateAwsConfig(random);
    const existing = [...generated.profileKeys.keys()];
    const profile = random() < 0.6 && existing.length > 0 ? (existing[Math.floor(random() * existing.length)] ?? 'dev') : (PROFILE_NAMES[Math.floor(random() * PROFILE_NAMES.length)] ?? 'dev');
    const region = random() < 0.5 ? 'ap-south-1' : undefined;
    const output = random() < 0.3 ? 'yaml' : undefined;
    const force = random() < 0.5;
    const options = { profile, vaultRole: 'role', force, ...(region && { region }), ...(output && { output }) };

    await mkdir(dirname(sandbox.awsConfig), { recursive: true });
    await writeFile(sandbox.awsConfig, generated.text);
    const before = await loadConfigWithSdk(generated.text);
    const targetKeys = generated.profileKeys.get(profile) ?? new Set<string>();
    const conflicts = [...targetKeys].filter((key) => CONFLICT_KEYS.test(`${key} =`));

    // A profile defined by more than one section is read differently by the clients, so configure rejects it.
    if (findAwsConfigProfileSections(scanIni(generated.text), profile).length > 1) {
      await expect(sandbox.run(options)).rejects.toThrow(/is defined by \d sections/);
      expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(generated.text);
      return;
    }

    if (conflicts.length > 0 && !force) {
      await expect(sandbox.run(options)).rejects.toThrow(ConfigError);
      expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(generated.text);
      return;
    }

    await sandbox.run(options);
    const text = await readFile(sandbox.awsConfig, 'utf8');

    // Only owned lines, a new header and one blank separator are added, and only owned or forced lines go.
    const rawLines = (content: string): string[] => scanIni(content.replace(/^\uFEFF/, '')).map((line) => line.raw);
    const changes = diffArrays(rawLines(generated.text), rawLines(text));
    const added = changes.filter((change) => change.added).flatMap((change) => change.value);
    const removed = changes.filter((change) => change.removed).flatMap((change) => change.value);
    const header = profile === 'default' ? '[default]' : `[profile ${profile}]`;
    for (const line of added) {
      expect(WRITTEN_LINE.test(line) || UPDATED_LINE.test(line) || line === header || line === '', `added ${JSON.stringify(line)}`).toBe(true);
    }

    for (const line of removed) {
      const forcedAway = force && CONFLICT_KEYS.test(line);
      expect(forcedAway || UPDATED_LINE.test(line), `removed ${JSON.stringify(line)}`).toBe(true);
    }

    expect(added.filter((line) => line === '').length).toBeLessThanOrEqual(1);

    // New lines take the file's line ending, and a missing final newline stays missing.
    const eol = /\r?\n/.exec(generated.text)?.[0] ?? '\n';
    const endings = scanIni(text).map((line) => line.eol);
    expect(endings.slice(0, -1).every((ending) => ending === eol), 'line endings').toBe(true);
    expect(text.endsWith('\n'), 'final newline').toBe(generated.text.replace(/^\uFEFF/, '') === '' || generated.text.endsWith('\n'));
    expect(text.startsWith('\uFEFF'), 'byte order mark').toBe(generated.text.startsWith('\uFEFF'));

    // The SDK loader reads the intended profile, and every other profile as before.
    const after = await loadConfigWithSdk(text);
    const expected: Record<string, string | undefined> = { ...before[profile] };
    for (const key of Object.keys(expected)) {
      if (force && CONFLICT_KEYS.test(`${key} =`)) {
        delete expected[key];
      }
    }

    expected['credential_process'] = `${FIXTURE_NODE_PATH} --no-warnings ${sandbox.entryPath} credential-process --profile ${profile}`;
    expected['region'] = region ?? expected['region'];
    expected['output'] = output ?? expected['output'];
    const { vault_aws_managed: marker, ...afterTarget } = after[profile] ?? {};
    expect(afterTarget).toEqual(Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== undefined)));
    expect(marker).toMatch(/\bcredential_process\b/);

    const { [profile]: _beforeTarget, ...beforeOthers } = before;
    const { [profile]: _afterTarget, ...afterOthers } = after;
    expect(afterOthers).toEqual(beforeOthers);

    written.push({ seed, text, profile, settings: { credential_process: expected['credential_process'], region, output } });

    // A second run changes nothing.
    await sandbox.run(options);
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(text);

    // --remove gives back the original bytes unless configure changed a line it does not own.
    const changedUnowned = removed.some((line) => !CONFLICT_KEYS.test(line));
    if (!changedUnowned && conflicts.length === 0) {
      await sandbox.run({ profile, remove: true });
      expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(generated.text);
    }
  });

  it.runIf(hasBotocore())('botocore reads the written keys alike', async () => {
    const results = await loadConfigsWithBotocore(written.map((file) => file.text));
    expect(results.filter((result) => 'profiles' in result).length, 'files botocore could read').toBeGreaterThan(written.length / 2);

    written.forEach((file, index) => {
      const result = results[index];
      // Files that botocore already rejected (a byte order mark, a repeated section) stay rejected.
      if (result === undefined || 'error' in result) {
        return;
      }

      const botocoreProfile = result.profiles[file.profile] ?? {};
      for (const [key, value] of Object.entries(file.settings)) {
        if (value !== undefined) {
          expect(botocoreProfile[key], `seed ${file.seed}: ${key}`).toBe(value);
        }
      }
    });
  });
});
