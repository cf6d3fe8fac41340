import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quotePosix } from '../../src/output/formatEnvironment';
import { CLI, createSandbox, type Sandbox } from '../helpers/sandbox';

/** A loopback port where nothing listens, so that every Vault check fails fast. */
const CLOSED_VAULT = 'http://127.0.0.1:9';
const TOKEN = 'hvs.doctorTestTokenThatMustNeverBePrinted';

interface Finding {
  check: string;
  subject: string;
  status: string;
  found: string;
  fix: string | null;
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

async function doctorJson(sandbox: Sandbox, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; ok: boolean; findings: Finding[] }> {
  const result = await sandbox.run(['doctor', '--json', ...args], { VAULT_ADDR: CLOSED_VAULT, ...env });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { ok: boolean; findings: Finding[] };
  return { code: result.code, ...report };
}

function only(findings: Finding[], check: string, subject?: string): Finding[] {
  return findings.filter((finding) => finding.check === check && (subject === undefined || finding.subject === subject));
}

describe('doctor profile map', () => {
  it('reports a missing profile map', async () => {
    const sandbox = createSandbox();

    const report = await doctorJson(sandbox);

    expect(report.code).toBe(1);
    expect(report.ok).toBe(false);
    const [file] = only(report.findings, 'profile_map.file');
    expect(file?.status).toBe('fail');
    expect(file?.found).toContain('does not exist');
    expect(file?.fix).toBe('create it with "vault-aws configure --profile NAME --vault-role ROLE"');
  });

  it('reports every error and warning with its line', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile a]\nvault_role = x\nvault_role = y\n\n[other]\nkey = 1\n\nnot a setting\n\n[profile b]\nvault_role = z\nttl = 5m\n');

    const report = await doctorJson(sandbox);
    const lines = only(report.findings, 'profile_map.line');

    expect(lines.map((finding) => [finding.status, finding.found])).toEqual([
      ['fail', 'line 3: setting "vault_role" is set twice (lines 2 and 3); keep one'],
      ['warn', 'line 5: section [other] is not [profile NAME] or [vault] and is ignored'],
      ['fail', 'line 8: "not a setting" is not a section header or "key = value"; fix or remove the line'],
    ]);
    expect(lines.every((finding) => finding.subject === sandbox.profileMapPath)).toBe(true);
    expect(lines[0]?.fix).toBe(`edit line 3 of ${sandbox.profileMapPath}`);
    expect(only(report.findings, 'profile_map.profile', 'profile b')[0]?.found).toContain('is invalid: line 8');
  });

  it('reports a profile that is not in the map', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile a]\nvault_role = x\n');

    const report = await doctorJson(sandbox, ['--profile', 'missing']);

    const [profile] = only(report.findings, 'profile_map.profile', 'profile missing');
    expect(profile?.status).toBe('fail');
    expect(profile?.found).toBe('the profile map has no [profile missing] (it has: a)');
    expect(profile?.fix).toBe('run "vault-aws configure --profile missing --vault-role ROLE"');
  });
});

describe('doctor AWS files', () => {
  const MAP = '[profile b-s3]\nvault_role = s3_access\n';

  it('passes a line that runs this installation', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap(MAP);
    writeFile(sandbox.awsConfigPath, `[profile b-s3]\nregion = eu-west-1\ncredential_process = ${quotePosix(process.execPath)} --no-warnings ${CLI} credential-process --profile b-s3\n`);

    const report = await doctorJson(sandbox);

    expect(only(report.findings, 'aws_config.profile')[0]).toMatchObject({ status: 'pass', found: `[profile b-s3] on line 1 of ${sandbox.awsConfigPath}` });
    expect(only(report.findings, 'aws_config.credential_process')[0]).toMatchObject({
      status: 'pass',
      found: `credential_process runs this installation: ${process.execPath} ${CLI} (line 3)`,
    });
    expect(only(report.findings, 'aws_config.other_keys')[0]?.status).toBe('pass');
    expect(only(report.findings, 'aws_credentials.static_keys')[0]?.status).toBe('pass');
  });

  it('fails a missing profile and a missing line', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap(`${MAP}\n[profile dev]\nvault_role = dev\n`);
    writeFile(sandbox.awsConfigPath, '[profile dev]\nregion = eu-west-1\n');

    const report = await doctorJson(sandbox);

    expect(only(report.findings, 'aws_config.profile', 'profile b-s3')[0]).toMatchObject({
      status: 'fail',
      found: `${sandbox.awsConfigPath} has no [profile b-s3]`,
      fix: 'run "vault-aws configure --profile b-s3"',
    });
    expect(only(report.findings, 'aws_config.credential_process', 'profile dev')[0]).toMatchObject({ status: 'fail', found: 'the profile has no credential_process' });
  });

  it('warns about a line that depends on PATH', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap(MAP);
    writeFile(sandbox.awsConfigPath, '[profile b-s3]\ncredential_process = vault-aws credential-process --profile b-s3\n');

    const report = await doctorJson(sandbox);

    const [line] = only(report.findings, 'aws_config.credential_process');
    expect(line?.status).toBe('warn');
    expect(line?.found).toContain('through PATH');
  });

  it('fails a line for another profile', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap(MAP);
    writeFile(sandbox.awsConfigPath, `[profile b-s3]\ncredential_process = ${process.execPath} ${CLI} credential-process --profile prod\n`);

    const report = await doctorJson(sandbox);

    expect(only(report.findings, 'aws_config.credential_process')[0]).toMatchObject({
      status: 'fail',
      found: 'credential_process asks vault-aws for profile "prod", not "b-s3" (line 2)',
    });
  });

  it('fails keys that shadow credential_process', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap(MAP);
    const line = `${process.execPath} ${CLI} credential-process --profile b-s3`;
    writeFile(sandbox.awsConfigPath, `[profile b-s3]\ncredential_process = ${line}\nsso_session = corp\n`);
    writeFile(join(sandbox.home, '.aws', 'credentials'), '[b-s3]\naws_access_key_id = AKIAOLDKEY\naws_secret_access_key = old\n');

    const report = await doctorJson(sandbox);

    expect(only(report.findings, 'aws_config.other_keys')[0]).toMatchObject({ status: 'fail' });
    expect(only(report.findings, 'aws_config.other_keys')[0]?.found).toContain('sso_session (line 3)');
    const [shadow] = only(report.findings, 'aws_credentials.static_keys');
    expect(shadow?.status).toBe('fail');
    expect(shadow?.found).toContain('aws_access_key_id (line 2), aws_secret_access_key (line 3) for [b-s3]');
    expect(shadow?.fix).toBe(`remove the [b-s3] section from ${join(sandbox.home, '.aws', 'credentials')}`);
  });
});

describe('doctor cache directory', () => {
  it('passes a directory that does not exist yet', async () => {
    const report = await doctorJson(createSandbox());

    expect(only(report.findings, 'cache.directory')[0]).toMatchObject({ status: 'pass', found: 'does not exist yet; the first credential request creates it with mode 0700' });
  });

  it('fails loose permissions without changing them', async () => {
    const sandbox = createSandbox();
    mkdirSync(sandbox.cacheDirectory, { recursive: true });
    chmodSync(sandbox.cacheDirectory, 0o755);
    writeFileSync(join(sandbox.cacheDirectory, 'profile-b-s3.json'), '{}', { mode: 0o644 });
    chmodSync(join(sandbox.cacheDirectory, 'profile-b-s3.json'), 0o644);

    const report = await doctorJson(sandbox);

    expect(only(report.findings, 'cache.directory')[0]).toMatchObject({ status: 'fail', found: 'mode 0755 lets other users in', fix: `run "chmod 700 ${sandbox.cacheDirectory}"` });
    expect(only(report.findings, 'cache.entries')[0]).toMatchObject({ status: 'fail', found: 'files other users can reach: profile-b-s3.json (mode 0644)' });
  });

  it('passes a private directory', async () => {
    const sandbox = createSandbox();
    mkdirSync(sandbox.cacheDirectory, { recursive: true, mode: 0o700 });

    const report = await doctorJson(sandbox);

    expect(only(report.findings, 'cache.directory')[0]).toMatchObject({ status: 'pass', found: 'mode 0700, owned by you' });
    expect(only(report.findings, 'cache.entries')[0]).toMatchObject({ status: 'pass', found: '0 files, each private to you' });
  });
});

describe('doctor without Vault', () => {
  it('reports an unreachable Vault and skips what needs it', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    const report = await doctorJson(sandbox, [], { VAULT_TOKEN: TOKEN });

    expect(only(report.findings, 'vault.reachable')[0]).toMatchObject({ status: 'fail', subject: CLOSED_VAULT, fix: 'the address came from VAULT_ADDR; correct it there if Vault runs elsewhere, and check that Vault is running there' });
    expect(only(report.findings, 'vault.reachable')[0]?.found).toContain('ECONNREFUSED');
    expect(only(report.findings, 'token.found')[0]).toMatchObject({ status: 'pass', found: 'found in VAULT_TOKEN' });
    expect(only(report.findings, 'token.capabilities')[0]?.status).toBe('skip');
    expect(only(report.findings, 'role.exists')[0]?.status).toBe('skip');
  });

  it('names the default address in the fix', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    const report = await doctorJson(sandbox, [], { VAULT_ADDR: undefined, VAULT_TOKEN: TOKEN });
    const [reachable] = only(report.findings, 'vault.reachable');

    expect(reachable?.subject).toBe('https://127.0.0.1:8200');
    expect(reachable?.fix).toBe('VAULT_ADDR is unset, so vault-aws used the default address https://127.0.0.1:8200; set VAULT_ADDR (or vault_addr in the profile map) to your Vault\'s address, and check that Vault is running there');
  });

  it('reports a missing token', async () => {
    const sandbox = createSandbox();

    const report = await doctorJson(sandbox);

    const [found] = only(report.findings, 'token.found');
    expect(found?.status).toBe('fail');
    expect(found?.found).toMatch(/^no Vault token found \(checked VAULT_TOKEN \(unset\), .*\)$/);
    expect(found?.fix).toBe('log in with "vault login", or set VAULT_TOKEN');
  });

  it('prints the same findings for people without colour when piped', async () => {
    const sandbox = createSandbox();
    sandbox.writeProfileMap('[profile b-s3]\nvault_role = s3_access\n');

    const result = await sandbox.run(['doctor'], { VAULT_ADDR: CLOSED_VAULT, VAULT_TOKEN: TOKEN });

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.stdout).toContain(`Vault ${CLOSED_VAULT}\n  FAIL  vault.reachable`);
    expect(result.stdout).toContain('fix: the address came from VAULT_ADDR; correct it there if Vault runs elsewhere, and check that Vault is running there');
    expect(result.stdout).toMatch(/\n\d+ failed, \d+ passed, \d+ skipped\n$/);
  });
});

describe.skipIf(!existsSync('/usr/bin/script'))('doctor on a terminal', () => {
  /** Runs doctor in a pseudo-terminal made by script(1) and returns what the terminal showed. */
  function doctorOnTerminal(extraEnv: Record<string, string>): string {
    const sandbox = createSandbox();
    const line = ['exec', process.execPath, CLI, 'doctor'].map(quotePosix).join(' ');
    const env = { ...sandbox.env, VAULT_ADDR: CLOSED_VAULT, TERM: 'xterm', SHELL: '/bin/sh', ...extraEnv };
    return spawnSync('/usr/bin/script', ['-qfec', line, '/dev/null'], { env, encoding: 'utf8', timeout: 30_000 }).stdout;
  }

  it('colours the status marks', () => {
    expect(doctorOnTerminal({})).toContain('\u001b[31mFAIL\u001b[39m');
  });

  it('leaves colour out with NO_COLOR', () => {
    const output = doctorOnTerminal({ NO_COLOR: '1' });

    expect(output).toContain('FAIL');
    expect(output).not.toContain('\u001b[');
  });
});
