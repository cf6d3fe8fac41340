import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ConfigureOptions } from '../../src/commands/configure';
import { createConfigureSandbox, FIXTURE_NODE_PATH, type ConfigureSandbox } from './configureSandbox';
import { hasBotocore, javaScriptProfiles, loadConfigsWithBotocore } from './botocoreProfiles';
import { loadConfigWithSdk } from './sdkProfiles';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'aws-config');

interface TableCase {
  name: string;
  /** Fixture with the config file before configure, or `undefined` when the file does not exist. */
  before: string | undefined;
  after: string;
  options: ConfigureOptions & { profile: string };
  /** Keys other than credential_process that the SDK should see set in the profile afterwards. */
  sets: Record<string, string>;
  /** Keys that --force removes, or that configure rewrites under another name. */
  removes?: string[];
  /** Whether botocore rejects the whole file before and after, as for a byte order mark. */
  botocoreRejects?: boolean;
  /** Whether configure --remove gives back the original bytes. */
  restoresOnRemove: boolean;
}

const cases: TableCase[] = [
  {
    name: 'new dotted profile after SSO, services and comments',
    before: 'sso-org.config',
    after: 'sso-org.new-profile.after.config',
    options: { profile: 'vault.prod', vaultRole: 'prod-admin', region: 'eu-west-1', output: 'json' },
    sets: { region: 'eu-west-1', output: 'json', vault_aws_managed: 'section credential_process region output' },
    restoresOnRemove: true,
  },
  {
    name: 'default section ending in an empty value',
    before: 'sso-org.config',
    after: 'sso-org.default.after.config',
    options: { profile: 'default', vaultRole: 'dev' },
    sets: { vault_aws_managed: 'credential_process' },
    restoresOnRemove: true,
  },
  {
    name: 'SSO profile with nested s3 keys, forced',
    before: 'sso-org.config',
    after: 'sso-org.sandbox-forced.after.config',
    options: { profile: 'sandbox', vaultRole: 'sandbox', force: true },
    sets: { vault_aws_managed: 'credential_process' },
    removes: ['sso_session', 'sso_account_id', 'sso_role_name'],
    restoresOnRemove: false,
  },
  {
    name: 'CRLF file without a final newline',
    before: 'crlf-no-final-newline.config',
    after: 'crlf-no-final-newline.dev-team_1.after.config',
    options: { profile: 'dev-team_1', vaultRole: 'dev', region: 'ap-southeast-2' },
    sets: { region: 'ap-southeast-2', vault_aws_managed: 'credential_process' },
    restoresOnRemove: true,
  },
  {
    name: 'CRLF profile with @ and an inline comment',
    before: 'crlf-no-final-newline.config',
    after: 'crlf-no-final-newline.jane-corp.after.config',
    options: { profile: 'jane@corp', vaultRole: 'dev', output: 'json' },
    sets: { output: 'json', vault_aws_managed: 'credential_process' },
    restoresOnRemove: false,
  },
  {
    name: 'tabs, odd spacing and values with = and #',
    before: 'tabs-and-spacing.config',
    after: 'tabs-and-spacing.ci.after.config',
    options: { profile: 'ci', vaultRole: 'ci', region: 'eu-west-1' },
    sets: { region: 'eu-west-1', vault_aws_managed: 'credential_process' },
    restoresOnRemove: false,
  },
  {
    name: 'managed profile with an older Node.js',
    before: 'managed-update.config',
    after: 'managed-update.dev.after.config',
    options: { profile: 'dev', vaultRole: 'dev', region: 'eu-west-1' },
    sets: { region: 'eu-west-1', vault_aws_managed: 'section credential_process region' },
    restoresOnRemove: false,
  },
  {
    name: 'static keys, forced',
    before: 'static-keys.config',
    after: 'static-keys.legacy-forced.after.config',
    options: { profile: 'legacy', vaultRole: 'legacy', force: true },
    sets: { vault_aws_managed: 'credential_process' },
    removes: ['aws_access_key_id', 'aws_secret_access_key'],
    restoresOnRemove: false,
  },
  {
    name: 'byte order mark',
    before: 'bom.config',
    after: 'bom.default.after.config',
    options: { profile: 'default', vaultRole: 'dev', output: 'yaml' },
    sets: { output: 'yaml', vault_aws_managed: 'credential_process output' },
    botocoreRejects: true,
    restoresOnRemove: true,
  },
  {
    name: 'quoted profile name in the header',
    before: 'quoted-header.config',
    after: 'quoted-header.team-qa.after.config',
    options: { profile: 'team.qa', vaultRole: 'qa' },
    sets: { vault_aws_managed: 'credential_process' },
    restoresOnRemove: true,
  },
  {
    name: 'blank lines at the end',
    before: 'blank-lines-at-end.config',
    after: 'blank-lines-at-end.b.after.config',
    options: { profile: 'b', vaultRole: 'b', region: 'us-west-1' },
    sets: { region: 'us-west-1', vault_aws_managed: 'section credential_process region' },
    restoresOnRemove: true,
  },
  {
    name: 'comment after an equal value and upper-case keys',
    before: 'comment-and-case.config',
    after: 'comment-and-case.dev.after.config',
    options: { profile: 'dev', vaultRole: 'dev', region: 'eu-west-1', output: 'json' },
    sets: { region: 'eu-west-1', output: 'json' },
    removes: ['Region', 'Output'],
    restoresOnRemove: false,
  },
  {
    name: 'continuation line in another profile',
    before: 'continuation-elsewhere.config',
    after: 'continuation-elsewhere.dev.after.config',
    options: { profile: 'dev', vaultRole: 'dev', region: 'eu-west-1' },
    sets: { region: 'eu-west-1', vault_aws_managed: 'section credential_process region' },
    restoresOnRemove: true,
  },
  {
    name: 'missing config file',
    before: undefined,
    after: 'missing-file.dev.after.config',
    options: { profile: 'dev', vaultRole: 'dev' },
    sets: { vault_aws_managed: 'section credential_process' },
    restoresOnRemove: false,
  },
];

let sandbox: ConfigureSandbox;

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

async function fixture(name: string): Promise<string> {
  return readFile(join(FIXTURES, name), 'utf8');
}

describe.each(cases)('configure on $name', (testCase) => {
  const { profile } = testCase.options;

  beforeEach(async () => {
    if (testCase.before !== undefined) {
      await mkdir(dirname(sandbox.awsConfig), { recursive: true });
      await writeFile(sandbox.awsConfig, sandbox.withEntryPath(await fixture(testCase.before)));
    }
  });

  it('writes the expected bytes', async () => {
    await sandbox.run(testCase.options);

    const expected = sandbox.withEntryPath(await fixture(testCase.after));
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(expected);
  });

  it('matches the SDK loader before and after', async () => {
    const before = await loadConfigWithSdk(testCase.before === undefined ? '' : sandbox.withEntryPath(await fixture(testCase.before)));
    await sandbox.run(testCase.options);
    const after = await loadConfigWithSdk(await readFile(sandbox.awsConfig, 'utf8'));

    const expectedProfile: Record<string, string | undefined> = { ...before[profile] };
    for (const key of testCase.removes ?? []) {
      delete expectedProfile[key];
    }

    const line = `${FIXTURE_NODE_PATH} --no-warnings ${sandbox.entryPath} credential-process --profile ${profile}`;
    expect(after[profile]).toEqual({ ...expectedProfile, credential_process: line, ...testCase.sets });

    const { [profile]: _beforeTarget, ...beforeOthers } = before;
    const { [profile]: _afterTarget, ...afterOthers } = after;
    expect(afterOthers).toEqual(beforeOthers);
  });

  it.runIf(hasBotocore())('reads the profile alike in botocore', async () => {
    const before = testCase.before === undefined ? '' : sandbox.withEntryPath(await fixture(testCase.before));
    await sandbox.run(testCase.options);
    const after = await readFile(sandbox.awsConfig, 'utf8');
    const [botocoreBefore, botocoreAfter] = await loadConfigsWithBotocore([before, after]);

    if (testCase.botocoreRejects === true) {
      expect(botocoreAfter).toEqual({ error: expect.stringContaining('ConfigParseError') });
      return;
    }

    // Both clients read the keys configure wrote alike. Other lines, such as `cli_pager =`, may
    // already read differently, so botocore must only see them as it did before.
    const javaScript = javaScriptProfiles(await loadConfigWithSdk(after))[profile] ?? {};
    const botocoreProfiles = botocoreAfter !== undefined && 'profiles' in botocoreAfter ? botocoreAfter.profiles : {};
    const written = ['credential_process', ...Object.keys(testCase.sets)];
    const pick = (settings: Record<string, string> | undefined): Record<string, string | undefined> => Object.fromEntries(written.map((key) => [key, settings?.[key]]));
    expect(pick(botocoreProfiles[profile])).toEqual(pick(javaScript));

    const omitWritten = (profiles: Record<string, Record<string, string>>): Record<string, Record<string, string>> => {
      const target = Object.fromEntries(Object.entries(profiles[profile] ?? {}).filter(([key]) => !written.includes(key) && !(testCase.removes ?? []).some((removed) => removed.toLowerCase() === key)));
      return { ...profiles, [profile]: target };
    };
    const beforeProfiles = botocoreBefore !== undefined && 'profiles' in botocoreBefore ? botocoreBefore.profiles : {};
    expect(omitWritten(botocoreProfiles)).toEqual(omitWritten({ [profile]: {}, ...beforeProfiles }));
  });

  it('leaves the file unchanged on a second run', async () => {
    await sandbox.run(testCase.options);
    const first = await readFile(sandbox.awsConfig, 'utf8');
    const firstModified = (await stat(sandbox.awsConfig)).mtimeMs;

    const second = await sandbox.run(testCase.options);
    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(first);
    expect((await stat(sandbox.awsConfig)).mtimeMs).toBe(firstModified);
    expect(second.stderr).toContain('is already up to date');
  });

  it.runIf(testCase.restoresOnRemove)('restores the original bytes on --remove', async () => {
    await sandbox.run(testCase.options);
    await sandbox.run({ profile, remove: true });

    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(sandbox.withEntryPath(await fixture(testCase.before ?? '')));
  });
});
