import { describe, expect, it } from 'vitest';

import { EXIT_USAGE, UsageError } from '../errors';
import { validateProfileName } from './validateProfileName';

describe('validateProfileName', () => {
  it.each(['dev', 'default', 'team.prod', 'jane@corp', 'eu-west_1', 'a+b', 'org:account/role', '123'])('accepts %j', (name) => {
    expect(() => validateProfileName(name, 'linux')).not.toThrow();
  });

  it.each([
    ['', /empty/],
    ['dev\nregion = x', /line break/],
    ['dev\r', /line break/],
    ['dev]', /"\]" is part of the INI syntax/],
    ['[dev', /"\[" is part of the INI syntax/],
    ['dev#1', /"#" is part of the INI syntax/],
    ['dev;1', /";" is part of the INI syntax/],
    ['my profile', /letters, digits/],
    ['"quoted"', /letters, digits/],
    ['-dev', /starts with "-"/],
    ['__proto__', /rejects it/],
  ])('rejects %j', (name, message) => {
    expect(() => validateProfileName(name, 'linux')).toThrow(message);
  });

  it('rejects % on Windows only', () => {
    expect(() => validateProfileName('100%', 'linux')).not.toThrow();
    expect(() => validateProfileName('100%', 'win32')).toThrow(/cmd.exe/);
  });

  it('raises a usage error', () => {
    let caught: unknown;
    try {
      validateProfileName('a]b', 'linux');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).exitCode).toBe(EXIT_USAGE);
  });
});
