import { describe, expect, it } from 'vitest';
import { VaultAwsError } from '../errors';
import { formatEnvironment, quoteFish, quotePosix, quotePowerShell, type EnvironmentVariable } from './formatEnvironment';

const CREDENTIALS: EnvironmentVariable[] = [
  { name: 'AWS_ACCESS_KEY_ID', value: 'ASIAEXAMPLEEXAMPLE12' },
  { name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { name: 'AWS_SESSION_TOKEN', value: 'FwoGZXIvYXdz+EXAMPLE==' },
  { name: 'AWS_CREDENTIAL_EXPIRATION', value: '2026-01-02T03:50:45Z' },
];

describe('formatEnvironment', () => {
  it('writes sh export lines', () => {
    expect(formatEnvironment(CREDENTIALS, 'sh')).toBe(
      [
        "export AWS_ACCESS_KEY_ID='ASIAEXAMPLEEXAMPLE12'",
        "export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'",
        "export AWS_SESSION_TOKEN='FwoGZXIvYXdz+EXAMPLE=='",
        "export AWS_CREDENTIAL_EXPIRATION='2026-01-02T03:50:45Z'",
        '',
      ].join('\n'),
    );
  });

  it('writes fish, PowerShell, cmd and dotenv lines', () => {
    const first = CREDENTIALS.slice(0, 1);

    expect(formatEnvironment(first, 'fish')).toBe("set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLEEXAMPLE12'\n");
    expect(formatEnvironment(first, 'powershell')).toBe("$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLEEXAMPLE12'\n");
    expect(formatEnvironment(first, 'cmd')).toBe('set AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12\n');
    expect(formatEnvironment(first, 'dotenv')).toBe('AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE12\n');
  });

  it('writes a JSON object', () => {
    const parsed = JSON.parse(formatEnvironment(CREDENTIALS, 'json')) as Record<string, string>;

    expect(Object.keys(parsed)).toEqual(CREDENTIALS.map((variable) => variable.name));
    expect(parsed['AWS_SESSION_TOKEN']).toBe('FwoGZXIvYXdz+EXAMPLE==');
  });

  it('removes a variable without a value', () => {
    const missing: EnvironmentVariable[] = [{ name: 'AWS_SESSION_TOKEN', value: undefined }];

    expect(formatEnvironment(missing, 'sh')).toBe('unset AWS_SESSION_TOKEN\n');
    expect(formatEnvironment(missing, 'fish')).toBe('set -e AWS_SESSION_TOKEN\n');
    expect(formatEnvironment(missing, 'powershell')).toBe('$Env:AWS_SESSION_TOKEN = $null\n');
    expect(formatEnvironment(missing, 'cmd')).toBe('set AWS_SESSION_TOKEN=\n');
    expect(formatEnvironment(missing, 'dotenv')).toBe('');
    expect(formatEnvironment(missing, 'json')).toBe('{}\n');
  });

  it.each(['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'] as const)('rejects a line break in %s', (format) => {
    const variables = [{ name: 'AWS_SESSION_TOKEN', value: 'abc\nexport X=1' }];

    expect(() => formatEnvironment(variables, format)).toThrow(VaultAwsError);
    expect(() => formatEnvironment(variables, format)).toThrow(/AWS_SESSION_TOKEN contains a line break/);
  });

  it('rejects a carriage return and a NUL byte', () => {
    expect(() => formatEnvironment([{ name: 'A', value: 'x\ry' }], 'sh')).toThrow(/control character/);
    expect(() => formatEnvironment([{ name: 'A', value: 'x\u0000y' }], 'powershell')).toThrow(/control character/);
  });

  it.each(['cmd', 'dotenv'] as const)('rejects characters %s cannot quote', (format) => {
    for (const value of ['a%PATH%', 'a&calc', 'a"b', 'a b', 'a!b', 'a$b', 'a#b', "a'b"]) {
      expect(() => formatEnvironment([{ name: 'A', value }], format)).toThrow(`cannot quote safely`);
    }
  });

  it('rejects an invalid variable name', () => {
    expect(() => formatEnvironment([{ name: 'A;rm', value: 'x' }], 'sh')).toThrow(/names are letters, digits and _/);
  });
});

describe('quoting', () => {
  it('escapes single quotes for sh', () => {
    expect(quotePosix("it's")).toBe("'it'\\''s'");
  });

  it('escapes backslashes and single quotes for fish', () => {
    expect(quoteFish("a\\'b")).toBe("'a\\\\\\'b'");
  });

  it('doubles every PowerShell single quote character', () => {
    expect(quotePowerShell('a\'b\u2018c\u2019d\u201ae\u201bf')).toBe("'a''b\u2018\u2018c\u2019\u2019d\u201a\u201ae\u201b\u201bf'");
  });
});
