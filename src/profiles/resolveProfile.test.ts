import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { parseProfileMap } from './readProfileMap';
import { resolveProfile } from './resolveProfile';

const PATH = '/home/dev/.config/vault-aws/profiles.ini';

function resolve(text: string, profile: string, env: Record<string, string> = {}) {
  return resolveProfile(parseProfileMap(text, PATH), profile, env);
}

function errorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }

  throw new Error('expected a ConfigError');
}

describe('resolveProfile', () => {
  it('applies the defaults', () => {
    const profile = resolve('[profile b-s3]\nvault_role = s3_access\n', 'b-s3');

    expect(profile.address).toBe('https://127.0.0.1:8200');
    expect(profile.mount).toBe('aws');
    expect(profile.ttlSeconds).toBe(3600);
    expect(profile.namespace).toBeUndefined();
    expect(profile.roleArn).toBeUndefined();
    expect(profile.roleSessionName).toBeUndefined();
  });

  it('reads every profile key', () => {
    const text = [
      '[profile acme.prod]',
      'vault_role = s3_access',
      'vault_mount = /team/aws/',
      'role_arn = arn:aws:iam::083674922126:role/vault-role-bucket-access',
      'ttl = 90m',
      'role_session_name = dev@acme',
      'vault_addr = https://vault.acme.test:8200/',
      'vault_namespace = team/',
    ].join('\n');
    const profile = resolve(text, 'acme.prod');

    expect(profile.role).toBe('s3_access');
    expect(profile.mount).toBe('team/aws');
    expect(profile.roleArn).toBe('arn:aws:iam::083674922126:role/vault-role-bucket-access');
    expect(profile.ttlSeconds).toBe(5400);
    expect(profile.roleSessionName).toBe('dev@acme');
    expect(profile.address).toBe('https://vault.acme.test:8200');
    expect(profile.namespace).toBe('team/');
  });

  it('finds names with dots, at signs and dashes', () => {
    const text = '[profile acme.prod]\nvault_role = a\n\n[profile team@x]\nvault_role = b\n\n[profile my_dev-1]\nvault_role = c\n';

    expect(resolve(text, 'acme.prod').role).toBe('a');
    expect(resolve(text, 'team@x').role).toBe('b');
    expect(resolve(text, 'my_dev-1').role).toBe('c');
  });

  describe('address precedence', () => {
    const vaultSection = '[vault]\naddr = https://from-section:8200\nnamespace = section-ns\n';

    it('takes the profile key first', () => {
      const text = `${vaultSection}[profile p]\nvault_role = r\nvault_addr = https://from-profile:8200\nvault_namespace = profile-ns\n`;
      const profile = resolve(text, 'p', { VAULT_ADDR: 'https://from-env:8200', VAULT_NAMESPACE: 'env-ns' });

      expect(profile.address).toBe('https://from-profile:8200');
      expect(profile.namespace).toBe('profile-ns');
      expect(profile.addressSource).toContain('vault_addr in [profile p]');
    });

    it('takes the environment before the [vault] section', () => {
      const text = `${vaultSection}[profile p]\nvault_role = r\n`;
      const profile = resolve(text, 'p', { VAULT_ADDR: 'https://from-env:8200', VAULT_NAMESPACE: 'env-ns' });

      expect(profile.address).toBe('https://from-env:8200');
      expect(profile.namespace).toBe('env-ns');
      expect(profile.addressSource).toBe('VAULT_ADDR');
    });

    it('takes the [vault] section before the default', () => {
      const profile = resolve(`${vaultSection}[profile p]\nvault_role = r\n`, 'p');

      expect(profile.address).toBe('https://from-section:8200');
      expect(profile.namespace).toBe('section-ns');
    });

    it('prefers BAO_ADDR and VAULT_AGENT_ADDR', () => {
      const text = '[profile p]\nvault_role = r\n';

      expect(resolve(text, 'p', { VAULT_ADDR: 'http://vault:1', BAO_ADDR: 'http://bao:2' }).address).toBe('http://bao:2');
      expect(resolve(text, 'p', { VAULT_ADDR: 'http://vault:1', VAULT_AGENT_ADDR: 'http://agent:3' }).address).toBe('http://agent:3');
      expect(resolve(text, 'p', { VAULT_ADDR: 'unix:///run/vault.sock' }).address).toBe('unix:///run/vault.sock');
    });
  });

  it('reports a missing profile with the known ones and the fix', () => {
    const error = errorOf(() => resolve('[profile a]\nvault_role = r\n[profile b]\nvault_role = r\n', 'c'));

    expect(error.message).toContain('profile "c" is not in the profile map');
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('it has: a, b');
    expect(error.message).toContain('vault-aws configure --profile c');
    expect(error.exitCode).toBe(2);
  });

  it('requires vault_role', () => {
    const error = errorOf(() => resolve('[profile p]\nttl = 1h\n', 'p'));

    expect(error.message).toContain('has no vault_role');
    expect(error.message).toContain('line 1');
  });

  it.each([
    ['ttl = soon', 'not a duration'],
    ['ttl = 600', 'below the AWS minimum'],
    ['role_session_name = has space', '2 to 64 characters'],
    [`role_session_name = ${'x'.repeat(65)}`, '2 to 64 characters'],
    ['vault_addr = not a url', 'is not a URL'],
    ['vault_addr = ftp://vault', 'has the scheme "ftp", which is not supported (only http, https and unix are)'],
  ])('rejects %j', (line, expected) => {
    const error = errorOf(() => resolve(`[profile p]\nvault_role = r\n${line}\n`, 'p'));

    expect(error.message).toContain(expected);
  });

  it('rejects a profile defined twice', () => {
    const error = errorOf(() => resolve('[profile p]\nvault_role = r\n[profile p]\nvault_role = s\n', 'p'));

    expect(error.message).toContain('defined twice (lines 1 and 3)');
  });

  it('rejects an upper-case key with its line', () => {
    const error = errorOf(() => resolve('[profile p]\nVAULT_ROLE = r\n', 'p'));

    expect(error.message).toContain(PATH);
    expect(error.message).toContain('line 2: setting "VAULT_ROLE" is not lowercase; rename it to "vault_role"');
  });

  it('rejects a line indented under a key', () => {
    const error = errorOf(() => resolve('[profile p]\nvault_role = r\n  ttl = 2h\n', 'p'));

    expect(error.message).toContain('line 3: "ttl = 2h" is indented deeper than the key before it');
  });

  it('notes an ignored section when the profile is missing', () => {
    const error = errorOf(() => resolve('[profile ok]\nvault_role = r\n[profle p1]\nvault_role = s\n', 'p1'));

    expect(error.message).toContain('is not in the profile map');
    expect(error.message).toContain('(note: line 3: section [profle p1] is not [profile NAME] or [vault] and is ignored)');
  });

  it('points at a misspelt vault_role', () => {
    const error = errorOf(() => resolve('[profile p]\nttl = 2h\nvault_rol = r\n', 'p'));

    expect(error.message).toContain('has no vault_role (line 3 has "vault_rol", which looks like a misspelling)');
  });

  it('warns about unknown keys with a likely match', () => {
    const map = parseProfileMap('[vault]\nadress = http://x\n[profile p]\nvault_role = r\nvault_adress = http://y\ncolour = blue\n', PATH);

    expect(map.problems.map((problem) => [problem.severity, problem.lineNumber, problem.message])).toEqual([
      ['warning', 2, 'setting "adress" is not a [vault] setting and is ignored; did you mean "addr"?'],
      ['warning', 5, 'setting "vault_adress" is not a [profile NAME] setting and is ignored; did you mean "vault_addr"?'],
      ['warning', 6, 'setting "colour" is not a [profile NAME] setting and is ignored; the README lists the settings'],
    ]);
  });

  it('ignores errors in other profiles', () => {
    const text = '[profile good]\nvault_role = r\n[profile bad]\nvault_role = a\nvault_role = b\n';

    expect(resolve(text, 'good').role).toBe('r');
    expect(() => resolve(text, 'bad')).toThrow(/set twice/);
  });

  it('accepts comments, CRLF and a byte order mark', () => {
    const text = '\uFEFF# team profiles\r\n[profile p] ; note\r\nvault_role = r   # the role\r\n';

    expect(resolve(text, 'p').role).toBe('r');
  });
});
