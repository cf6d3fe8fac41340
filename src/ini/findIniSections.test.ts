import { describe, expect, it } from 'vitest';

import { findIniSections, findKeyLines, lastContentLine } from './findIniSections';
import { scanIni } from './scanIni';

const text = [
  '# header comment',
  '[profile a]',
  'region = us-east-1',
  's3 =',
  '  max_concurrent_requests = 20',
  '  # nested comment',
  '  addressing_style = path',
  '# about b',
  '',
  '[profile b] ; note',
  '',
  '[profile a]',
  'Region = eu-west-1',
].join('\n');
const lines = scanIni(text);

describe('findIniSections', () => {
  it('finds matching sections with their ends', () => {
    expect(findIniSections(lines, (section) => section === 'profile a')).toEqual([
      { header: 1, end: 9, section: 'profile a' },
      { header: 11, end: 13, section: 'profile a' },
    ]);
  });

  it('reads a header with a trailing comment', () => {
    expect(findIniSections(lines, (section) => section === 'profile b')).toEqual([{ header: 9, end: 11, section: 'profile b' }]);
  });
});

describe('lastContentLine', () => {
  it('skips trailing comments and blank lines but not sub-keys', () => {
    const [range] = findIniSections(lines, (section) => section === 'profile a');
    expect(lastContentLine(lines, range!)).toBe(6);
  });

  it('returns the header of an empty section', () => {
    const [range] = findIniSections(lines, (section) => section === 'profile b');
    expect(lastContentLine(lines, range!)).toBe(9);
  });
});

describe('findKeyLines', () => {
  it('matches names case-insensitively', () => {
    const ranges = findIniSections(lines, (section) => section === 'profile a');
    expect(findKeyLines(lines, ranges[1]!, 'region')).toEqual([12]);
  });

  it('ignores sub-keys', () => {
    const [range] = findIniSections(lines, (section) => section === 'profile a');
    expect(findKeyLines(lines, range!, 'addressing_style')).toEqual([]);
  });
});
