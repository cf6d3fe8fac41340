import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { buildCredentialProcessLine } from './credentialProcessLine';

/** Splits `line` with Python's shlex.split, which botocore uses on POSIX. */
function splitWithShlex(line: string): string[] {
  const output = execFileSync('python3', ['-c', 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))', line]);
  return JSON.parse(output.toString()) as string[];
}

/** Returns the words `sh -c` makes of `line` (the JavaScript, Go, Java and Rust SDKs run it that way on POSIX). */
function argumentsSeenBySh(line: string): string[] {
  const output = execFileSync('sh', ['-c', `printargs() { for word do printf '%s\\0' "$word"; done; }; eval "printargs $1"`, 'sh', line]);
  return output.toString().split('\0').slice(0, -1);
}

describe('buildCredentialProcessLine', () => {
  it('writes plain absolute paths without quotes', () => {
    const result = buildCredentialProcessLine({ profile: 'dev', nodePath: '/usr/local/bin/node', entryPath: '/opt/vault-aws/dist/main.cjs', platform: 'linux' });

    expect(result.line).toBe('/usr/local/bin/node --no-warnings /opt/vault-aws/dist/main.cjs credential-process --profile dev');
    expect(result.warnings).toEqual([]);
  });

  it('keeps profile names with dots, @, dashes and underscores as one word', () => {
    const result = buildCredentialProcessLine({ profile: 'team.dev@corp_1-a', nodePath: '/n/node', entryPath: '/v/main.cjs', platform: 'linux' });
    expect(splitWithShlex(result.line).at(-1)).toBe('team.dev@corp_1-a');
  });

  it.each([
    ['/Users/Jane Doe/.nvm/versions/node/v20.20.2/bin/node', '/Users/Jane Doe/lib/node_modules/vault-aws/dist/main.cjs'],
    ["/home/o'brien/node", "/home/o'brien/vault aws/main.cjs"],
    ['/opt/my $HOME `x` "q"/node', '/opt/a\\b/main.cjs'],
    ['/opt/~tilde/node', '/opt/(x86) & co/main.cjs'],
  ])('quotes %j so that sh and shlex agree', (nodePath, entryPath) => {
    const { line } = buildCredentialProcessLine({ profile: 'dev', nodePath, entryPath, platform: 'linux' });
    const expected = [nodePath, '--no-warnings', entryPath, 'credential-process', '--profile', 'dev'];

    expect(splitWithShlex(line)).toEqual(expected);
    expect(argumentsSeenBySh(line)).toEqual(expected);
  });

  it('names the clients that may struggle with quotes on POSIX', () => {
    const result = buildCredentialProcessLine({ profile: 'dev', nodePath: '/Users/Jane Doe/node', entryPath: '/opt/main.cjs', platform: 'darwin' });

    expect(result.line).toBe("'/Users/Jane Doe/node' --no-warnings /opt/main.cjs credential-process --profile dev");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('"/Users/Jane Doe/node"');
    expect(result.warnings[0]).toContain('splits the line on spaces itself');
  });

  it('uses double quotes on Windows', () => {
    const result = buildCredentialProcessLine({ profile: 'dev', nodePath: 'C:\\Program Files\\nodejs\\node.exe', entryPath: 'C:\\tools\\vault-aws\\dist\\main.cjs', platform: 'win32' });

    expect(result.line).toBe('"C:\\Program Files\\nodejs\\node.exe" --no-warnings C:\\tools\\vault-aws\\dist\\main.cjs credential-process --profile dev');
    expect(result.warnings.join(' ')).toContain('The Go SDK');
    expect(result.warnings.join(' ')).not.toContain('The Java and .NET SDKs');
  });

  it('warns that cmd.exe clients fail with two quoted paths on Windows', () => {
    const result = buildCredentialProcessLine({ profile: 'dev', nodePath: 'C:\\Program Files\\nodejs\\node.exe', entryPath: 'C:\\Users\\Jane Doe\\vault-aws\\dist\\main.cjs', platform: 'win32' });
    expect(result.warnings.join(' ')).toContain('The Java and .NET SDKs');
  });

  it('never starts and ends the line with a quote', () => {
    const { line } = buildCredentialProcessLine({ profile: 'dev', nodePath: '/a b/node', entryPath: '/c d/main.cjs', platform: 'linux' });
    expect(line.endsWith("'")).toBe(false);
  });

  it.each([
    ['node', '/opt/main.cjs', /not absolute/],
    ['~/bin/node', '/opt/main.cjs', /not absolute/],
    ['/usr/bin/node', 'dist/main.cjs', /not absolute/],
    ['/usr/bin/node', '/opt/new\nline/main.cjs', /line break/],
    ['/usr/bin/node', '/opt/team #1/main.cjs', /# or ;/],
    ['/usr/bin/node', '/opt/a ;b/main.cjs', /# or ;/],
  ])('rejects %j and %j', (nodePath, entryPath, message) => {
    expect(() => buildCredentialProcessLine({ profile: 'dev', nodePath, entryPath, platform: 'linux' })).toThrow(message);
  });

  it('rejects % in a Windows path', () => {
    expect(() => buildCredentialProcessLine({ profile: 'dev', nodePath: 'C:\\100%\\node.exe', entryPath: 'C:\\v\\main.cjs', platform: 'win32' })).toThrow(/cmd.exe/);
  });
});
