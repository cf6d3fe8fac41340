import { describe, expect, it } from 'vitest';

import { validateConfigureValues } from './validateConfigureValues';

describe('validateConfigureValues', () => {
  it('accepts typical values', () => {
    expect(() =>
      validateConfigureValues({
        vaultRole: 'dev-admin',
        vaultMount: 'aws/prod',
        roleArn: 'arn:aws:iam::123456789012:role/path/Admin',
        ttl: '90m',
        roleSessionName: 'jane@example.com',
        vaultAddr: 'https://vault.example.com:8200',
        vaultNamespace: 'team/dev',
        region: 'us-gov-west-1',
        output: 'yaml-stream',
      }),
    ).not.toThrow();
  });

  it('accepts the longest STS session', () => {
    expect(() => validateConfigureValues({ ttl: '36h' })).not.toThrow();
  });

  it('accepts empty values, which remove keys', () => {
    expect(() => validateConfigureValues({ roleArn: '', region: '', ttl: '' })).not.toThrow();
  });

  it.each([
    [{ vaultRole: 'dev\nttl = 1s' }, /--vault-role .* line break/],
    [{ region: 'eu-west-1\r' }, /--region .* line break/],
    [{ vaultNamespace: 'a\tb' }, /control character/],
    [{ roleSessionName: 'a #b' }, /begins a comment/],
    [{ vaultRole: ';x' }, /begins a comment/],
    [{ ttl: 'soon' }, /Vault duration/],
    [{ ttl: '10m' }, /at least 15 minutes/],
    [{ ttl: '2d' }, /Vault duration/],
    [{ roleArn: 'arn:aws:iam::123:role/x' }, /arn:aws:iam::123456789012/],
    [{ roleSessionName: 'x' }, /2 to 64/],
    [{ roleSessionName: 'x'.repeat(65) }, /2 to 64/],
    [{ ttl: '99999999999999999999' }, /at most 36 hours/],
    [{ ttl: '36h1s' }, /at most 36 hours/],
    [{ vaultAddr: 'vault.example.com' }, /expected an http or https URL/],
    [{ vaultAddr: 'ftp://vault.example.com' }, /expected an http or https URL/],
    [{ vaultAddr: 'http://h/x y' }, /without spaces/],
    [{ vaultAddr: 'unix:///' }, /unix:\/\/\/PATH/],
    [{ region: 'EU West' }, /lowercase/],
    [{ output: 'xml' }, /json, yaml/],
    [{ vaultMount: 'a b' }, /path segments/],
  ])('rejects %j', (values, message) => {
    expect(() => validateConfigureValues(values)).toThrow(message);
  });
});
