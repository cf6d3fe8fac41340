import { describe, expect, it } from 'vitest';
import { buildAwsLoginData } from './buildAwsLoginData';
import { signAwsRequest } from './signAwsRequest';

// The credentials, time, region and service of AWS's published Signature Version 4 test suite.
const SUITE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: undefined };
const SUITE_DATE = new Date('2015-08-30T12:36:00Z');

describe('signAwsRequest', () => {
  it('matches the suite vector get-vanilla', () => {
    const headers = signAwsRequest(
      { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, body: '', region: 'us-east-1', service: 'service', date: SUITE_DATE },
      SUITE_CREDENTIALS,
    );

    expect(headers['X-Amz-Date']).toBe('20150830T123600Z');
    expect(headers['Host']).toBe('example.amazonaws.com');
    expect(headers['Authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('matches the suite vector post-x-www-form-urlencoded', () => {
    const headers = signAwsRequest(
      {
        method: 'POST',
        url: new URL('https://example.amazonaws.com/'),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'Param1=value1',
        region: 'us-east-1',
        service: 'service',
        date: SUITE_DATE,
      },
      SUITE_CREDENTIALS,
    );

    expect(headers['Authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
  });

  it('matches the suite vector get-vanilla-query-order-key-case', () => {
    const headers = signAwsRequest(
      { method: 'GET', url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1'), headers: {}, body: '', region: 'us-east-1', service: 'service', date: SUITE_DATE },
      SUITE_CREDENTIALS,
    );

    expect(headers['Authorization']).toContain('Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('signs the session token and extra headers', () => {
    const headers = signAwsRequest(
      { method: 'POST', url: new URL('https://sts.amazonaws.com/'), headers: { 'X-Vault-AWS-IAM-Server-ID': 'vault.example.com' }, body: 'x', region: 'us-east-1', service: 'sts', date: SUITE_DATE },
      { ...SUITE_CREDENTIALS, sessionToken: 'session-token-value' },
    );

    expect(headers['X-Amz-Security-Token']).toBe('session-token-value');
    expect(headers['Authorization']).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token;x-vault-aws-iam-server-id,');
  });
});

describe('buildAwsLoginData', () => {
  it('encodes the signed GetCallerIdentity request', () => {
    const data = buildAwsLoginData(SUITE_CREDENTIALS, { region: undefined, serverId: 'vault.example.com', date: SUITE_DATE });
    const decode = (field: string | undefined): string => Buffer.from(field ?? '', 'base64').toString('utf8');

    expect(data['iam_http_request_method']).toBe('POST');
    expect(decode(data['iam_request_url'])).toBe('https://sts.amazonaws.com/');
    expect(decode(data['iam_request_body'])).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    const headers = JSON.parse(decode(data['iam_request_headers'])) as Record<string, string[]>;
    expect(headers['X-Vault-AWS-IAM-Server-ID']).toEqual(['vault.example.com']);
    expect(headers['Host']).toEqual(['sts.amazonaws.com']);
    expect(headers['Authorization']?.[0]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-vault-aws-iam-server-id, Signature=[0-9a-f]{64}$/);
  });

  it('uses the regional endpoint when a region is set', () => {
    const data = buildAwsLoginData(SUITE_CREDENTIALS, { region: 'eu-west-1', serverId: undefined, date: SUITE_DATE });
    const headers = JSON.parse(Buffer.from(data['iam_request_headers'] ?? '', 'base64').toString('utf8')) as Record<string, string[]>;

    expect(Buffer.from(data['iam_request_url'] ?? '', 'base64').toString('utf8')).toBe('https://sts.eu-west-1.amazonaws.com/');
    expect(headers['Authorization']?.[0]).toContain('/20150830/eu-west-1/sts/aws4_request');
  });
});
