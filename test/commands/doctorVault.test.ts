import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVaultEmulator, type VaultEmulator } from '../emulator';
import { quotePosix } from '../../src/output/formatEnvironment';
import { CLI, createSandbox, type RunResult } from '../helpers/sandbox';

const ROLE_ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';
const MAP = '[profile b-s3]\nvault_role = s3_access\n';
const USER_TOKEN = 'hvs.doctorUserTokenNeverPrinted01';
const READ_ONLY_TOKEN = 'hvs.doctorReadOnlyTokenNeverPrinted';
const SHORT_TOKEN = 'hvs.doctorShortTokenNeverPrinted02';
const EXPIRED_TOKEN = 'hvs.doctorExpiredTokenNeverPrinted';

let vault: VaultEmulator;

beforeAll(async () => {
  vault = await startVaultEmulator({ version: '1.17.0' });
  vault.addRole('aws', 's3_access', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], max_sts_ttl: 43200 });
  vault.addRole('aws', 'short', { credential_type: 'assumed_role', role_arns: [ROLE_ARN], max_sts_ttl: 1800 });
  vault.addRole('aws', 'multi', { credential_type: 'assumed_role', role_arns: [ROLE_ARN, 'arn:aws:iam::111122223333:role/other'] });
  vault.addRole('aws', 'federated', { credential_type: 'federation_token', policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
  vault.addToken(USER_TOKEN, { policies: ['default', 'aws-sts'], capabilities: { 'aws/sts/s3_access': ['update'] }, ttlSeconds: 86400, displayName: 'token-dev' });
  vault.addToken(READ_ONLY_TOKEN, { policies: ['default'], capabilities: { 'aws/sts/s3_access': ['read'] } });
  vault.addToken(SHORT_TOKEN, { policies: ['default'], capabilities: { 'aws/sts/s3_access': ['update'] }, ttlSeconds: 600 });
  vault.addToken(EXPIRED_TOKEN, { policies: ['default'], capabilities: { 'aws/sts/s3_access': ['update'] }, expired: true });
});

afterEach(() => {
  vault.state.sealed = false;
  vault.state.initialized = true;
  vault.state.standby = false;
  vault.state.activeAddress = null;
  vault.state.clockSkewMs = 0;
});

afterAll(async () => {
  await vault.close();
});

interface Finding {
  check: string;
  subject: string;
  status: string;
  found: string;
  fix: string | null;
}

interface Report {
  result: RunResult;
  ok: boolean;
  findings: Finding[];
}

/** Runs doctor --json in a sandbox whose AWS config runs this installation for every profile of `map`. */
async function runDoctor(map = MAP, token = vault.rootToken, args: string[] = [], extraEnv: Record<string, string | undefined> = {}): Promise<Report> {
  const sandbox = createSandbox({ url: vault.url, token });
  sandbox.writeProfileMap(map);
  const profiles = [...map.matchAll(/^\[profile (.+)\]$/gm)].map((match) => match[1] as string);
  const config = profiles.map((profile) => `[profile ${profile}]\ncredential_process = ${quotePosix(process.execPath)} ${CLI} credential-process --profile ${profile}\n`);
  mkdirSync(dirname(sandbox.awsConfigPath), { recursive: true });
  writeFileSync(sandbox.awsConfigPath, config.join('\n'));

  const result = await sandbox.run(['doctor', '--json', ...args], extraEnv);
  expect(result.stderr).toBe('');
  for (const secret of [vault.rootToken, USER_TOKEN, READ_ONLY_TOKEN, SHORT_TOKEN, EXPIRED_TOKEN]) {
    expect(result.stdout).not.toContain(secret);
  }

  const report = JSON.parse(result.stdout) as { ok: boolean; findings: Finding[] };
  return { result, ...report };
}

function statusOf(report: Report): Record<string, string> {
  return Object.fromEntries(report.findings.map((finding) => [finding.check, finding.status]));
}

function findingOf(report: Report, check: string): Finding | undefined {
  return report.findings.find((finding) => finding.check === check);
}

describe('doctor against a healthy Vault', () => {
  it('passes every check', async () => {
    const report = await runDoctor();

    expect(report.result.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.findings.map((finding) => [finding.check, finding.status])).toEqual([
      ['profile_map.file', 'pass'],
      ['token.found', 'pass'],
      ['vault.reachable', 'pass'],
      ['vault.tls', 'pass'],
      ['vault.initialized', 'pass'],
      ['vault.sealed', 'pass'],
      ['vault.version', 'pass'],
      ['vault.storage', 'pass'],
      ['vault.ha', 'pass'],
      ['vault.clock', 'pass'],
      ['token.valid', 'pass'],
      ['token.ttl', 'pass'],
      ['token.policies', 'pass'],
      ['profile_map.profile', 'pass'],
      ['token.capabilities', 'pass'],
      ['role.exists', 'pass'],
      ['role.credential_type', 'pass'],
      ['role.role_arn', 'pass'],
      ['role.ttl', 'pass'],
      ['aws_config.profile', 'pass'],
      ['aws_config.credential_process', 'pass'],
      ['aws_config.other_keys', 'pass'],
      ['aws_credentials.static_keys', 'pass'],
      ['cache.directory', 'pass'],
    ]);
  });

  it('describes the server, the token and the role', async () => {
    const report = await runDoctor();

    expect(findingOf(report, 'vault.tls')?.found).toBe('plain HTTP to a loopback address');
    expect(findingOf(report, 'vault.version')?.found).toBe('version 1.17.0');
    expect(findingOf(report, 'vault.storage')?.found).toBe('storage inmem');
    expect(findingOf(report, 'vault.ha')?.found).toBe('HA disabled, a single active node');
    expect(findingOf(report, 'vault.clock')?.found).toBe('this machine\'s clock agrees with Vault\'s');
    expect(findingOf(report, 'token.found')?.found).toBe('found in VAULT_TOKEN');
    expect(findingOf(report, 'token.valid')?.found).toBe('valid, display name root, type service');
    expect(findingOf(report, 'token.ttl')?.found).toBe('does not expire');
    expect(findingOf(report, 'token.policies')?.found).toBe('policies: root');
    expect(findingOf(report, 'token.capabilities')?.found).toBe('the token has root on aws/sts/s3_access');
    expect(findingOf(report, 'role.exists')?.found).toBe('aws/roles/s3_access exists');
    expect(findingOf(report, 'role.role_arn')?.found).toBe(`the role's only ARN ${ROLE_ARN} is used`);
    expect(findingOf(report, 'role.ttl')?.found).toBe('ttl 1h; max_sts_ttl 12h');
  });

  it('checks an ordinary token that cannot read the role', async () => {
    const report = await runDoctor(MAP, USER_TOKEN);

    expect(report.result.code).toBe(0);
    expect(findingOf(report, 'token.valid')?.found).toBe('valid, display name token-dev, type service');
    expect(findingOf(report, 'token.ttl')?.found).toMatch(/^expires in 2[34]h \d+m, renewable$/);
    expect(findingOf(report, 'token.policies')?.found).toBe('policies: aws-sts, default');
    expect(findingOf(report, 'token.capabilities')).toMatchObject({ status: 'pass', found: 'the token has update on aws/sts/s3_access' });
    expect(findingOf(report, 'role.exists')?.status).toBe('skip');
    expect(findingOf(report, 'role.exists')?.found).toContain('the token may not read aws/roles/s3_access');
    expect(findingOf(report, 'role.ttl')).toMatchObject({ status: 'pass', found: 'ttl 1h; the role\'s max_sts_ttl was not read' });
  });

  it('prints colourless text without the token', async () => {
    const sandbox = createSandbox({ url: vault.url, token: USER_TOKEN });
    sandbox.writeProfileMap(MAP);

    const result = await sandbox.run(['doctor', '--profile', 'b-s3']);

    expect(result.stdout).not.toContain(USER_TOKEN);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toContain(`Vault ${vault.url}\n  ok    vault.reachable`);
    expect(result.stdout).toContain('profile b-s3\n');
  });
});

describe('doctor against a Vault in trouble', () => {
  it('reports a sealed Vault and skips what needs it', async () => {
    vault.state.sealed = true;

    const report = await runDoctor();

    expect(report.result.code).toBe(1);
    expect(findingOf(report, 'vault.sealed')).toMatchObject({
      status: 'fail',
      found: 'Vault is sealed (0 of 1 unseal keys entered) and cannot issue credentials',
      fix: 'unseal it with "vault operator unseal"',
    });
    expect(statusOf(report)['vault.initialized']).toBe('pass');
    expect(statusOf(report)['vault.ha']).toBeUndefined();
    expect(statusOf(report)['token.valid']).toBeUndefined();
    expect(findingOf(report, 'token.capabilities')).toMatchObject({ status: 'skip', found: `not checked: Vault at ${vault.url} cannot be used (see the vault.* findings)` });
    expect(statusOf(report)['role.exists']).toBe('skip');
  });

  it('reports an uninitialized Vault', async () => {
    vault.state.initialized = false;
    vault.state.sealed = true;

    const report = await runDoctor();

    expect(findingOf(report, 'vault.initialized')).toMatchObject({ status: 'fail', found: 'Vault is not initialized', fix: 'initialize it with "vault operator init"' });
    expect(statusOf(report)['vault.sealed']).toBeUndefined();
  });

  it('warns about a standby and reports what fails there', async () => {
    vault.state.standby = true;
    vault.state.activeAddress = null;

    const report = await runDoctor();

    expect(report.result.code).toBe(1);
    expect(findingOf(report, 'vault.ha')).toMatchObject({
      status: 'warn',
      found: 'standby node: requests go on to the active node, whose address Vault does not report, forwarded or redirected, and fail while it is down',
    });
    expect(findingOf(report, 'token.valid')?.status).toBe('fail');
    expect(findingOf(report, 'token.valid')?.found).toContain('no active Vault instance found');
  });

  it('fails a clock ten minutes off', async () => {
    vault.state.clockSkewMs = -600_000;

    const report = await runDoctor();

    expect(report.result.code).toBe(1);
    expect(findingOf(report, 'vault.clock')).toMatchObject({
      status: 'fail',
      found: 'this machine\'s clock is 10m ahead of Vault\'s, more than the 5 minutes AWS accepts in signed requests',
      fix: 'synchronize the clocks with NTP (timedatectl set-ntp true on systemd)',
    });
  });

  it('warns about a clock two minutes off', async () => {
    vault.state.clockSkewMs = 120_000;

    const report = await runDoctor();

    expect(report.result.code).toBe(0);
    expect(findingOf(report, 'vault.clock')).toMatchObject({ status: 'warn', found: 'this machine\'s clock is 2m behind Vault\'s; AWS rejects requests signed more than 5 minutes off' });
  });
});

describe('doctor with a wrong token or role', () => {
  it('reports a missing role', async () => {
    const report = await runDoctor('[profile b-s3]\nvault_role = nope\n');

    expect(report.result.code).toBe(1);
    expect(findingOf(report, 'role.exists')).toMatchObject({ status: 'fail', found: 'the role nope does not exist under aws/' });
    expect(findingOf(report, 'role.exists')?.fix).toContain('"vault list aws/roles" shows the roles');
  });

  it('reports a missing mount', async () => {
    const report = await runDoctor('[profile b-s3]\nvault_role = s3_access\nvault_mount = team/aws\n');

    expect(findingOf(report, 'role.exists')).toMatchObject({ status: 'fail', found: 'no AWS secrets engine is mounted at team/aws/' });
  });

  it('reports a token without update on the sts path', async () => {
    const report = await runDoctor(MAP, READ_ONLY_TOKEN);

    expect(report.result.code).toBe(1);
    expect(findingOf(report, 'token.capabilities')).toMatchObject({
      status: 'fail',
      found: 'the token has read on aws/sts/s3_access, without update, so Vault rejects the credential request with 403',
      fix: 'grant it in a policy of the token: path "aws/sts/s3_access" { capabilities = ["update"] }',
    });
  });

  it('reports an invalid token', async () => {
    const report = await runDoctor(MAP, 'hvs.doctorInvalidTokenNeverPrinted');

    expect(report.result.stdout).not.toContain('doctorInvalidTokenNeverPrinted');
    expect(findingOf(report, 'token.valid')).toMatchObject({ status: 'fail', found: 'Vault rejects the token from VAULT_TOKEN as invalid or expired', fix: 'log in again with "vault login"' });
  });

  it('skips token checks after an expired token', async () => {
    const report = await runDoctor(MAP, EXPIRED_TOKEN);

    expect(report.result.code).toBe(1);
    expect(findingOf(report, 'token.valid')).toMatchObject({ status: 'fail', fix: 'log in again with "vault login"' });
    expect(findingOf(report, 'token.capabilities')).toMatchObject({ status: 'skip', found: 'not checked: the token failed its lookup (see token.valid)' });
    expect(findingOf(report, 'role.exists')).toMatchObject({ status: 'skip', found: 'aws/roles/s3_access not read: the token failed its lookup (see token.valid)' });
    expect(findingOf(report, 'role.ttl')?.status).toBe('pass');
  });

  it('skips token checks without a token', async () => {
    const report = await runDoctor(MAP, vault.rootToken, [], { VAULT_TOKEN: undefined });

    expect(findingOf(report, 'token.found')?.status).toBe('fail');
    expect(findingOf(report, 'token.valid')).toBeUndefined();
    expect(findingOf(report, 'token.capabilities')).toMatchObject({ status: 'skip', found: 'not checked: no Vault token was found (see token.found)' });
    expect(findingOf(report, 'role.exists')).toMatchObject({ status: 'skip', found: 'aws/roles/s3_access not read: no Vault token was found (see token.found)' });
  });

  it('offers configure for a profile not in the map', async () => {
    const report = await runDoctor(MAP, vault.rootToken, ['--profile', 'nope']);

    expect(findingOf(report, 'profile_map.profile')).toMatchObject({
      subject: 'profile nope',
      status: 'fail',
      found: 'the profile map has no [profile nope] (it has: b-s3)',
      fix: 'run "vault-aws configure --profile nope --vault-role ROLE"',
    });
  });

  it('warns about a token that expires before the credentials', async () => {
    const report = await runDoctor(MAP, SHORT_TOKEN);

    expect(findingOf(report, 'token.ttl')?.status).toBe('warn');
    expect(findingOf(report, 'token.ttl')?.found).toMatch(/^expires in (10m|9m \d+s), renewable, before credentials requested now \(1h\) run out, so the next refresh will fail$/);
  });

  it('fails a ttl above max_sts_ttl, warns under 30 minutes', async () => {
    const report = await runDoctor('[profile long]\nvault_role = short\n\n[profile brief]\nvault_role = s3_access\nttl = 15m\n');
    const ttl = report.findings.filter((finding) => finding.check === 'role.ttl');

    expect(ttl.map((finding) => [finding.subject, finding.status])).toEqual([
      ['profile long', 'fail'],
      ['profile brief', 'warn'],
    ]);
    expect(ttl[0]?.found).toBe('ttl 1h is above the role\'s max_sts_ttl of 30m, so Vault issues credentials for 30m only');
    expect(ttl[1]?.found).toContain('ttl 15m is under 30m');
  });

  it('checks role_arn against the role', async () => {
    const map = `[profile several]\nvault_role = multi\n\n[profile wrong]\nvault_role = s3_access\nrole_arn = arn:aws:iam::111122223333:role/other\n`;

    const report = await runDoctor(map);
    const arns = report.findings.filter((finding) => finding.check === 'role.role_arn');

    expect(arns[0]).toMatchObject({ subject: 'profile several', status: 'fail' });
    expect(arns[0]?.found).toContain('the role allows 2 ARNs');
    expect(arns[1]).toMatchObject({ subject: 'profile wrong', status: 'fail', found: `arn:aws:iam::111122223333:role/other is not among the role's role_arns (${ROLE_ARN})` });
  });

  it('accepts a federation_token role without role_arn', async () => {
    const report = await runDoctor('[profile fed]\nvault_role = federated\n');

    expect(findingOf(report, 'role.credential_type')).toMatchObject({ status: 'pass', found: 'federation_token, which ignores role_arn' });
    expect(findingOf(report, 'role.role_arn')?.status).toBe('skip');
  });

  it('checks only the profile named', async () => {
    const report = await runDoctor(`${MAP}\n[profile nope]\nvault_role = nope\n`, vault.rootToken, ['--profile', 'b-s3']);

    expect(report.result.code).toBe(0);
    expect(report.findings.some((finding) => finding.subject === 'profile nope')).toBe(false);
  });
});

describe('doctor over TLS', () => {
  let secure: VaultEmulator;

  beforeAll(async () => {
    secure = await startVaultEmulator({ tls: true });
  });

  afterAll(async () => {
    await secure.close();
  });

  it('fails an untrusted certificate', async () => {
    const sandbox = createSandbox({ url: secure.url, token: secure.rootToken });

    const result = await sandbox.run(['doctor', '--json']);
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;

    expect(findings.find((finding) => finding.check === 'vault.reachable')?.status).toBe('fail');
    expect(findings.find((finding) => finding.check === 'vault.tls')).toMatchObject({
      status: 'fail',
      found: 'the server certificate is not trusted',
      fix: 'set VAULT_CACERT to the file of the CA certificate that signed Vault\'s certificate',
    });
  });

  it('passes a certificate from VAULT_CACERT', async () => {
    const sandbox = createSandbox({ url: secure.url, token: secure.rootToken });

    const result = await sandbox.run(['doctor', '--json'], { VAULT_CACERT: secure.caFile });
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;

    expect(findings.find((finding) => finding.check === 'vault.tls')).toMatchObject({
      status: 'pass',
      found: 'certificate trusted, verified against the CA certificates from VAULT_CACERT, VAULT_CACERT_BYTES or VAULT_CAPATH',
    });
    expect(result.stdout).not.toContain(secure.rootToken);
  });

  it('passes a certificate from vault_cacert in the profile map', async () => {
    const sandbox = createSandbox({ url: secure.url, token: secure.rootToken });
    sandbox.writeProfileMap(`[profile p]\nvault_role = r\nvault_cacert = ${secure.caFile ?? ''}\n`);

    const result = await sandbox.run(['doctor', '--json']);
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;

    expect(findings.find((finding) => finding.check === 'vault.tls')?.status).toBe('pass');
    expect(findings.find((finding) => finding.check === 'vault.reachable')?.status).toBe('pass');
  });
});

describe('doctor fixes', () => {
  /** Emulator states and inputs that make doctor warn or fail; each row sets one up and returns the report. */
  const cases: [string, () => Promise<Report>][] = [
    ['healthy Vault', () => runDoctor()],
    ['no token', () => runDoctor(MAP, vault.rootToken, [], { VAULT_TOKEN: undefined })],
    ['expired token', () => runDoctor(MAP, EXPIRED_TOKEN)],
    ['invalid token', () => runDoctor(MAP, 'hvs.doctorInvalidTokenNeverPrinted')],
    ['token without update', () => runDoctor(MAP, READ_ONLY_TOKEN)],
    ['short-lived token', () => runDoctor(MAP, SHORT_TOKEN)],
    ['sealed Vault', () => withState({ sealed: true }, () => runDoctor())],
    ['uninitialized Vault', () => withState({ initialized: false, sealed: true }, () => runDoctor())],
    ['standby node', () => withState({ standby: true }, () => runDoctor())],
    ['clock ten minutes off', () => withState({ clockSkewMs: -600_000 }, () => runDoctor())],
    ['clock two minutes off', () => withState({ clockSkewMs: 120_000 }, () => runDoctor())],
    ['unreachable Vault', () => runDoctor(MAP, vault.rootToken, [], { VAULT_ADDR: 'http://127.0.0.1:1' })],
    ['invalid VAULT_SKIP_VERIFY', () => runDoctor(MAP, vault.rootToken, [], { VAULT_SKIP_VERIFY: 'yes' })],
    ['missing role', () => runDoctor('[profile b-s3]\nvault_role = nope\n')],
    ['missing mount', () => runDoctor('[profile b-s3]\nvault_role = s3_access\nvault_mount = team/aws\n')],
    ['several ARNs', () => runDoctor('[profile b-s3]\nvault_role = multi\n')],
    ['ttl above max_sts_ttl', () => runDoctor('[profile b-s3]\nvault_role = short\n')],
    ['profile not in the map', () => runDoctor(MAP, vault.rootToken, ['--profile', 'nope'])],
    ['invalid profile map line', () => runDoctor(`${MAP}garbage line\n`)],
    ['missing profile map', () => runDoctor(MAP, vault.rootToken, [], { VAULT_AWS_CONFIG_FILE: '/nonexistent/profiles.ini' })],
    ['missing AWS config', () => runDoctor(MAP, vault.rootToken, [], { AWS_CONFIG_FILE: '/nonexistent/config' })],
  ];

  it.each(cases)('gives every warning and failure a fix: %s', async (_name, run) => {
    const report = await run();
    const problems = report.findings.filter((finding) => finding.status === 'warn' || finding.status === 'fail');

    for (const finding of problems) {
      expect(finding.fix, `${finding.check} of ${finding.subject}: ${finding.found}`).toMatch(/\S/);
    }
  });

  it.each(cases)('gives every skip a reason: %s', async (_name, run) => {
    const report = await run();

    for (const finding of report.findings.filter((candidate) => candidate.status === 'skip')) {
      expect(finding.found, `${finding.check} of ${finding.subject}`).toMatch(/\S/);
    }
  });
});

/** Runs `check` with emulator state changed; afterEach restores the state. */
async function withState(state: Partial<VaultEmulator['state']>, check: () => Promise<Report>): Promise<Report> {
  Object.assign(vault.state, state);
  return check();
}
