import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ConfigureOptions } from '../../src/commands/configure';
import { ConfigError } from '../../src/errors';
import { hasBotocore, javaScriptProfiles, loadConfigWithBotocore } from './botocoreProfiles';
import { createConfigureSandbox, type ConfigureSandbox } from './configureSandbox';
import { loadConfigWithSdk } from './sdkProfiles';

interface RejectedCase {
  name: string;
  text: string;
  options?: Partial<ConfigureOptions>;
  /** Parts of the message: the line, how each client reads it, the fix. */
  message: (string | RegExp)[];
  /** Whether the JavaScript SDK and botocore read the profile differently; false for a look-alike neither reads. */
  clientsDisagree: boolean;
}

const DEFAULT_FIRST = '[default]\nregion = us-east-1\n\n';

const rejected: RejectedCase[] = [
  {
    name: 'comment right after the header',
    text: `${DEFAULT_FIRST}[profile dev]# mine\nregion = eu-west-1\n`,
    message: ['line 4 "[profile dev]# mine"', 'the AWS SDK for JavaScript reads no section header', 'reads a header for profile "dev"', 'followed by a space and a # comment'],
    clientsDisagree: true,
  },
  {
    name: 'text after the header',
    text: `${DEFAULT_FIRST}[profile dev] (work)\nregion = eu-west-1\n`,
    message: ['line 4 "[profile dev] (work)"', 'reads no section header', 'reads a header for profile "dev"'],
    clientsDisagree: true,
  },
  {
    name: 'header of another profile with text after it',
    text: `[profile base] (shared)\nregion = eu-west-1\n`,
    message: ['line 1 "[profile base] (shared)"', 'reads a header for profile "base"'],
    clientsDisagree: false,
  },
  {
    name: 'indented header after a key',
    text: '[profile a]\nfoo = bar\n  [profile dev]\n  region = x\n',
    message: ['line 3 "  [profile dev]"', 'reads a section header', 'part of the value on line 2', 'Remove the indentation'],
    clientsDisagree: true,
  },
  {
    name: 'bracket inside a header comment',
    text: '[profile dev] # see [docs]\nregion = x\n',
    message: ['line 1', 'the AWS SDK for JavaScript reads profile "dev"', 'reads section "profile dev] # see [docs", which is no profile'],
    clientsDisagree: true,
  },
  {
    name: 'spaces inside the brackets',
    text: '[ profile dev ]\nregion = x\n',
    message: ['line 1 "[ profile dev ]"', 'reads section " profile dev ", which is no profile', 'Write the header as [profile dev]'],
    clientsDisagree: false,
  },
  {
    name: 'spaces around default',
    text: '[ default ]\nregion = x\n',
    options: { profile: 'default' },
    message: ['line 1 "[ default ]"', 'Write the header as [default]'],
    clientsDisagree: false,
  },
  {
    name: 'several spaces after profile',
    text: '[profile   dev]\nregion = x\n',
    message: ['line 1 "[profile   dev]"', 'the AWS SDK for JavaScript reads section "profile   dev", which is no profile', 'botocore (the AWS CLI and boto3) reads profile "dev"'],
    clientsDisagree: true,
  },
  {
    name: 'space before the closing bracket',
    text: '[profile dev ]\nregion = x\n',
    message: ['line 1 "[profile dev ]"', 'the AWS SDK for JavaScript reads section "profile dev ", which is no profile', 'reads profile "dev"'],
    clientsDisagree: true,
  },
  {
    name: 'dot after profile',
    text: '[profile.dev]\nregion = x\n',
    message: ['line 1 "[profile.dev]"', 'the AWS SDK for JavaScript reads profile "dev"', 'botocore (the AWS CLI and boto3) reads section "profile.dev", which is no profile'],
    clientsDisagree: true,
  },
  {
    name: 'upper-case Profile',
    text: '[Profile dev]\nregion = x\n',
    message: ['line 1 "[Profile dev]"', 'Write the header as [profile dev]'],
    clientsDisagree: false,
  },
  {
    name: 'configparser DEFAULT section',
    text: '[DEFAULT]\nregion = x\n\n[profile other]\noutput = json\n',
    message: ['line 1 "[DEFAULT]"', 'copies its keys into every profile'],
    clientsDisagree: true,
  },
  {
    name: 'default and profile default',
    text: '[profile default]\nregion = eu-west-1\n\n[default]\nregion = us-east-1\n',
    options: { profile: 'default' },
    message: ['line 1 "[profile default]"', 'line 4 "[default]"', 'reads only [profile default]', 'whichever of the sections comes last', 'Merge the keys into one section'],
    clientsDisagree: true,
  },
  {
    name: 'repeated header',
    text: '[profile dev]\nregion = us-east-1\n\n[profile dev]\noutput = text\n',
    message: ['Profile "dev" is defined by 2 sections', 'line 1 "[profile dev]", line 4 "[profile dev]"', 'merges the sections', 'rejects a file that repeats a section header'],
    clientsDisagree: true,
  },
  {
    name: 'plain and quoted header',
    text: '[profile dev]\nregion = us-east-1\n\n[profile "dev"]\noutput = text\n',
    message: ['Profile "dev" is defined by 2 sections', 'reads only the last of them'],
    clientsDisagree: true,
  },
  {
    name: 'repeated header on --remove',
    text: '[profile dev]\ncredential_process = /bin/true\nvault_aws_managed = credential_process\n\n[profile dev]\noutput = text\n',
    options: { remove: true },
    message: ['Profile "dev" is defined by 2 sections'],
    clientsDisagree: true,
  },
  {
    name: 'indented key after a key',
    text: '[profile dev]\nfoo = bar\n  region = us-west-2\n',
    message: ['line 3 "  region = us-west-2"', 'reads the key "region"', 'part of the value on line 2'],
    clientsDisagree: true,
  },
  {
    name: 'colon as delimiter',
    text: '[profile dev]\nregion: us-west-2\n',
    message: ['line 2 "region: us-west-2"', 'the AWS SDK for JavaScript reads no key', 'reads the key "region"', 'Write the line as "key = value"'],
    clientsDisagree: true,
  },
];

let sandbox: ConfigureSandbox;

beforeEach(async () => {
  sandbox = await createConfigureSandbox();
});

afterEach(async () => {
  await sandbox.remove();
});

async function writeAwsConfig(text: string): Promise<void> {
  await mkdir(dirname(sandbox.awsConfig), { recursive: true });
  await writeFile(sandbox.awsConfig, text);
}

describe.each(rejected)('configure on $name', (testCase) => {
  const options: ConfigureOptions = testCase.options?.remove === true ? { profile: 'dev', remove: true } : { profile: 'dev', vaultRole: 'dev', region: 'eu-west-1', ...testCase.options };

  it('rejects with exit code 2 and writes nothing', async () => {
    await writeAwsConfig(testCase.text);

    const error = await sandbox.run(options).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as Error).message).toContain(sandbox.awsConfig);
    for (const part of testCase.message) {
      expect((error as Error).message).toMatch(typeof part === 'string' ? new RegExp(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : part);
    }

    expect(await readFile(sandbox.awsConfig, 'utf8')).toBe(testCase.text);
    await expect(stat(sandbox.profileMap)).rejects.toThrow(/ENOENT/);
  });

  it.runIf(testCase.clientsDisagree && hasBotocore())('is read differently by the clients', async () => {
    const profile = options.profile ?? 'dev';
    const javaScript = javaScriptProfiles(await loadConfigWithSdk(testCase.text));
    const botocore = await loadConfigWithBotocore(testCase.text);

    const botocoreProfiles = 'profiles' in botocore ? botocore.profiles : undefined;
    expect(botocoreProfiles === undefined || JSON.stringify(botocoreProfiles[profile] ?? botocoreProfiles) !== JSON.stringify(javaScript[profile] ?? javaScript)).toBe(true);
  });
});

describe('configure on files a client already misreads', () => {
  it.each([
    ['a key before any section', 'region = us-east-1\n[profile other]\noutput = json\n', ['line 1 "region = us-east-1" comes before any [section]', 'MissingSectionHeaderError']],
    ['lone carriage returns', '[profile other]\routput = json\r', ['ends line 1 with a lone carriage return', 'reads no profile from the file']],
    ['a repeated other profile', '[profile other]\noutput = json\n\n[profile other]\nregion = us-east-1\n', ['repeats the section [profile other] (lines 1 and 4)', 'DuplicateSectionError']],
    ['a repeated key', '[profile other]\nregion = us-east-1\nRegion = eu-west-1\n', ['sets "region" twice in [profile other] (lines 2 and 3)', 'DuplicateOptionError']],
    ['a line without =', '[profile other]\njust words\n', ['line 2 "just words" is neither a header nor "key = value"', 'ParsingError']],
  ])('warns about %s and writes', async (_name, text, parts) => {
    await writeAwsConfig(text);

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    for (const part of parts) {
      expect(stderr).toContain(part);
    }

    expect(await readFile(sandbox.awsConfig, 'utf8')).toContain('[profile dev]');
  });

  it('warns about a byte order mark', async () => {
    await writeAwsConfig('\uFEFF[profile other]\noutput = json\n');

    const { stderr } = await sandbox.run({ profile: 'dev', vaultRole: 'dev' });

    expect(stderr).toContain(`warning: ${sandbox.awsConfig} starts with a UTF-8 byte order mark`);
    expect(stderr).toContain('Save the file as UTF-8 without a byte order mark');
  });
});
