import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './splitCommandLine';

describe('splitCommandLine', () => {
  it('splits plain words on any whitespace', () => {
    expect(splitCommandLine(' /usr/bin/node\t--no-warnings  /opt/main.cjs credential-process --profile b-s3 ')).toEqual([
      '/usr/bin/node',
      '--no-warnings',
      '/opt/main.cjs',
      'credential-process',
      '--profile',
      'b-s3',
    ]);
  });

  it('keeps single-quoted text literally', () => {
    expect(splitCommandLine("'/opt/my tools/node' 'a\\b' 'x'\\''y'")).toEqual(['/opt/my tools/node', 'a\\b', "x'y"]);
  });

  it('escapes only backslash and quote inside double quotes', () => {
    expect(splitCommandLine('"C:\\Program Files\\node" "say \\"hi\\"" "a\\\\b"')).toEqual(['C:\\Program Files\\node', 'say "hi"', 'a\\b']);
  });

  it('treats a backslash outside quotes as an escape', () => {
    expect(splitCommandLine('/opt/my\\ tools/node x\\y')).toEqual(['/opt/my tools/node', 'xy']);
  });

  it('joins quoted and unquoted parts of one word', () => {
    expect(splitCommandLine(`--profile='a b'"c"d`)).toEqual(['--profile=a bcd']);
  });

  it('rejects an unterminated quote', () => {
    expect(splitCommandLine("node 'main.cjs")).toBeUndefined();
    expect(splitCommandLine('node "main.cjs')).toBeUndefined();
    expect(splitCommandLine('node main.cjs\\')).toBeUndefined();
  });

  it('returns no words for a blank line', () => {
    expect(splitCommandLine('   ')).toEqual([]);
  });
});
