import { describe, expect, it } from 'vitest';
import type { ResolvedProfile } from '../profiles/resolveProfile';
import { checkRoleArn, checkRoleTtl, credentialTypeInUse } from './judgeRole';

const ARN = 'arn:aws:iam::083674922126:role/vault-role-bucket-access';
const OTHER_ARN = 'arn:aws:iam::111122223333:role/other';

function profile(overrides: Partial<ResolvedProfile> = {}): ResolvedProfile {
  return {
    profile: 'b-s3',
    mapPath: '/home/dev/.config/vault-aws/profiles.ini',
    address: 'https://127.0.0.1:8200',
    addressSource: 'VAULT_ADDR',
    namespace: undefined,
    mount: 'aws',
    role: 's3_access',
    roleArn: undefined,
    ttlSeconds: 3600,
    roleSessionName: undefined,
    ...overrides,
  };
}

describe('credentialTypeInUse', () => {
  it('reads the comma-joined string', () => {
    expect(credentialTypeInUse({ credential_type: 'assumed_role' })).toBe('assumed_role');
  });

  it('picks federation_token for legacy roles', () => {
    expect(credentialTypeInUse({ credential_type: 'iam_user,federation_token' })).toBe('federation_token');
  });

  it('reads the old list form', () => {
    expect(credentialTypeInUse({ credential_types: ['session_token'] })).toBe('session_token');
  });

  it('returns undefined without a type', () => {
    expect(credentialTypeInUse({})).toBeUndefined();
  });
});

describe('checkRoleArn', () => {
  it('passes an allowed role_arn', () => {
    const finding = checkRoleArn({ role_arns: [OTHER_ARN, ARN] }, 'assumed_role', profile({ roleArn: ARN }));

    expect(finding.status).toBe('pass');
    expect(finding.found).toBe(`${ARN} is allowed`);
  });

  it('fails a role_arn the role does not allow', () => {
    const finding = checkRoleArn({ role_arns: [OTHER_ARN] }, 'assumed_role', profile({ roleArn: ARN }));

    expect(finding.status).toBe('fail');
    expect(finding.found).toBe(`${ARN} is not among the role's role_arns (${OTHER_ARN})`);
    expect(finding.fix).toContain('role_arn in [profile b-s3]');
  });

  it('passes the only ARN without role_arn', () => {
    expect(checkRoleArn({ role_arns: [ARN] }, 'assumed_role', profile()).status).toBe('pass');
  });

  it('fails several ARNs without role_arn', () => {
    const finding = checkRoleArn({ role_arns: [ARN, OTHER_ARN] }, 'assumed_role', profile());

    expect(finding.status).toBe('fail');
    expect(finding.found).toContain('so Vault requires role_arn');
  });

  it('fails a role without ARNs', () => {
    expect(checkRoleArn({ role_arns: null }, 'assumed_role', profile()).status).toBe('fail');
  });

  it('skips other credential types', () => {
    expect(checkRoleArn({}, 'federation_token', profile()).status).toBe('skip');
  });
});

describe('checkRoleTtl', () => {
  it('passes a ttl within max_sts_ttl', () => {
    const finding = checkRoleTtl(profile(), { max_sts_ttl: 43200 });

    expect(finding.status).toBe('pass');
    expect(finding.found).toBe('ttl 1h; max_sts_ttl 12h');
  });

  it('fails a ttl above max_sts_ttl', () => {
    const finding = checkRoleTtl(profile({ ttlSeconds: 7200 }), { max_sts_ttl: 3600 });

    expect(finding.status).toBe('fail');
    expect(finding.found).toBe('ttl 2h is above the role\'s max_sts_ttl of 1h, so Vault issues credentials for 1h only');
  });

  it('warns about a ttl under 30 minutes', () => {
    const finding = checkRoleTtl(profile({ ttlSeconds: 1740 }), undefined);

    expect(finding.status).toBe('warn');
    expect(finding.found).toContain('ttl 29m is under 30m');
    expect(finding.fix).toContain('to 30m or more');
  });

  it('passes a ttl of 30 minutes', () => {
    expect(checkRoleTtl(profile({ ttlSeconds: 1800 }), undefined).status).toBe('pass');
  });

  it('passes without max_sts_ttl', () => {
    expect(checkRoleTtl(profile(), { max_sts_ttl: 0 }).found).toBe('ttl 1h; the role sets no max_sts_ttl');
    expect(checkRoleTtl(profile(), undefined).found).toBe('ttl 1h; the role\'s max_sts_ttl was not read');
  });
});
