import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

let prefix: string;
let installed: string;
let home: string;

// The README's install step: a packed tarball installed globally, here into a temporary prefix.
// --ignore-scripts packs the dist/ that "npm test" built, so that other tests never see a rebuild in
// progress, and --offline installs the dependencies from npm's cache, which "npm ci" has filled.
beforeAll(() => {
  prefix = mkdtempSync(join(tmpdir(), 'vault-aws-prefix-'));
  home = mkdtempSync(join(tmpdir(), 'vault-aws-home-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', prefix], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() as string;
  execFileSync('npm', ['install', '--global', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', '--prefix', join(prefix, 'global'), join(prefix, tarball)], { cwd: prefix, stdio: 'ignore' });
  installed = join(prefix, 'global', 'lib', 'node_modules', 'vault-aws');
}, 120_000);

describe('install from npm pack', () => {
  it('copies the package instead of linking', () => {
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(realpathSync(installed).startsWith(ROOT)).toBe(false);
  });

  it('writes the installed path in configure', () => {
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home };
    const main = join(installed, 'dist', 'main.cjs');

    execFileSync(join(prefix, 'global', 'bin', 'vault-aws'), ['configure', '--profile', 'dev', '--vault-role', 'dev-admin'], { env, stdio: 'ignore' });
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8');

    expect(config).toContain(`credential_process = ${process.execPath} --no-warnings ${main} credential-process --profile dev\n`);
  });
});
