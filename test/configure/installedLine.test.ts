import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { fromProcess } from '@aws-sdk/credential-providers';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPOSITORY = resolve(import.meta.dirname, '..', '..');

/** A CLI entry like the real one: the configure command under yargs, errors to stderr with their exit code. */
const CLI_ENTRY = `
import yargs from 'yargs';
import { createConfigureCommand } from './src/commands/configure';

yargs(process.argv.slice(2)).command(createConfigureCommand()).strict().fail(false).parseAsync().catch((error) => {
  process.stderr.write(error.message + '\\n');
  process.exitCode = error.exitCode ?? 1;
});
`;

/** Stands in for dist/main.cjs: records its arguments and prints credentials as credential_process expects. */
const MAIN_STUB = `
require('node:fs').writeFileSync(require('node:path').join(__dirname, 'argv.json'), JSON.stringify(process.argv.slice(2)));
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAEXAMPLEEXAMPLE12', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: '2099-01-01T00:00:00Z' }) + '\\n');
`;

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'vault-aws-installed-'));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Bundles the CLI entry into `<installation>/dist/cli.cjs`, as the build does, next to a stub main.cjs. */
async function install(installation: string): Promise<string> {
  const dist = join(installation, 'dist');
  await mkdir(dist, { recursive: true });
  await build({
    stdin: { contents: CLI_ENTRY, resolveDir: REPOSITORY, loader: 'ts', sourcefile: 'cli-entry.ts' },
    outfile: join(dist, 'cli.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  await writeFile(join(dist, 'main.cjs'), MAIN_STUB);
  return dist;
}

describe.each([
  ['a plain path', 'vault-aws'],
  ['a path with spaces and a quote', join('My Tools', "jane's vault-aws")],
])('installed configure under %s', (_label, relative) => {
  it('writes a line that runs this installation', async () => {
    const dist = await install(join(home, relative));
    const env = { PATH: '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') };

    const result = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'configure', '--profile', 'team.dev', '--vault-role', 'dev'], { env, encoding: 'utf8' });
    expect(result.stderr).not.toContain('Error');
    expect(result.status).toBe(0);

    const config = await readFile(join(home, '.aws', 'config'), 'utf8');
    const line = /^credential_process = (.*)$/m.exec(config)?.[1] ?? '';
    expect(line.startsWith(process.execPath) || line.startsWith(`'${process.execPath}'`)).toBe(true);
    expect(line).toContain(' --no-warnings ');

    // sh -c is how the JavaScript, Go, Java and Rust SDKs start the line on POSIX.
    execFileSync('sh', ['-c', line], { env: { HOME: home } });
    expect(JSON.parse(await readFile(join(dist, 'argv.json'), 'utf8'))).toEqual(['credential-process', '--profile', 'team.dev']);

    const credentials = await fromProcess({ profile: 'team.dev', configFilepath: env.AWS_CONFIG_FILE, filepath: env.AWS_SHARED_CREDENTIALS_FILE, ignoreCache: true })();
    expect(credentials.accessKeyId).toBe('ASIAEXAMPLEEXAMPLE12');
  });
});

describe('installed configure without a terminal', () => {
  it('exits 2 when the Vault role is missing', async () => {
    const dist = await install(join(home, 'vault-aws'));

    const result = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'configure', '--profile', 'dev'], { env: { HOME: home }, encoding: 'utf8' });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Missing --vault-role for profile "dev"');
  });
});
