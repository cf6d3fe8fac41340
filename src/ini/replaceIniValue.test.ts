import { describe, expect, it } from 'vitest';

import { replaceIniValue } from './replaceIniValue';

describe('replaceIniValue', () => {
  it.each([
    ['region = us-east-1', 'region = eu-west-1'],
    ['region=us-east-1', 'region=eu-west-1'],
    ['region\t=\tus-east-1', 'region\t=\teu-west-1'],
    ['  region   =   us-east-1  ', '  region   =   eu-west-1  '],
    ['region = us-east-1 # home region', 'region = eu-west-1 # home region'],
    ['region = us-east-1\t; note', 'region = eu-west-1\t; note'],
    ['region =', 'region = eu-west-1'],
    ['region=', 'region=eu-west-1'],
  ])('%j', (raw, expected) => {
    expect(replaceIniValue(raw, 'eu-west-1')).toBe(expected);
  });

  it('replaces a value that contains = and #', () => {
    expect(replaceIniValue('sso_start_url = https://x.awsapps.com/start#/', 'https://y.awsapps.com/start#/')).toBe('sso_start_url = https://y.awsapps.com/start#/');
  });

  it('rejects a line without =', () => {
    expect(() => replaceIniValue('[profile x]', 'v')).toThrow(/without "="/);
  });
});
