import { formatDuration } from '../profiles/duration';
import type { ResolvedProfile } from '../profiles/resolveProfile';
import { describeShortTtl, SHORT_TTL_DURATION, SHORT_TTL_SECONDS } from '../shortTtl';
import { findingsFor, type Finding } from './finding';

/** The fields of `GET <mount>/roles/<role>` that doctor reads. */
export interface VaultRole {
  /** Comma-joined since Vault 1.0.2: `assumed_role` or `iam_user,federation_token`. */
  credential_type?: unknown;
  /** The list form of Vault before 1.0.2. */
  credential_types?: unknown;
  role_arns?: unknown;
  /** Seconds; 0 means the mount's maximum lease TTL applies. */
  max_sts_ttl?: unknown;
}

/**
 * Returns the credential type Vault uses for the role on the sts path: the only one, or
 * federation_token for legacy roles that hold iam_user and federation_token.
 */
export function credentialTypeInUse(role: VaultRole): string | undefined {
  let text = '';
  if (typeof role.credential_type === 'string') {
    text = role.credential_type;
  } else if (Array.isArray(role.credential_types)) {
    text = role.credential_types.join(',');
  }

  const types = text.split(',').map((type) => type.trim()).filter((type) => type !== '');
  if (types.length > 1 && types.includes('federation_token')) {
    return 'federation_token';
  }

  return types[0];
}

/** Checks that Vault will accept the profile's role_arn, or pick an ARN without one. */
export function checkRoleArn(role: VaultRole, type: string | undefined, profile: ResolvedProfile): Finding {
  const finding = findingsFor(`profile ${profile.profile}`);
  const allowed = Array.isArray(role.role_arns) ? role.role_arns.filter((arn): arn is string => typeof arn === 'string') : [];
  const where = `role_arn in [profile ${profile.profile}] of ${profile.mapPath}`;

  if (type !== 'assumed_role') {
    return finding.skip('role.role_arn', `${type ?? 'this credential type'} uses no role ARN`);
  }

  if (profile.roleArn !== undefined && allowed.includes(profile.roleArn)) {
    return finding.pass('role.role_arn', `${profile.roleArn} is allowed`);
  }

  if (profile.roleArn !== undefined) {
    const list = allowed.length === 0 ? 'none' : allowed.join(', ');
    return finding.fail('role.role_arn', `${profile.roleArn} is not among the role's role_arns (${list})`, `set ${where} to one of them`);
  }

  if (allowed.length === 1) {
    return finding.pass('role.role_arn', `the role's only ARN ${allowed[0] as string} is used`);
  }

  if (allowed.length === 0) {
    return finding.fail('role.role_arn', 'the role has no role_arns, so Vault has no role to assume', `vault write ${profile.mount}/roles/${profile.role} role_arns=ARN`);
  }

  return finding.fail('role.role_arn', `the role allows ${allowed.length} ARNs (${allowed.join(', ')}), so Vault requires role_arn`, `set ${where} to one of them`);
}

/**
 * Checks the profile's ttl. Under SHORT_TTL_SECONDS it warns, because the cache then hands out
 * credentials that botocore already wants to refresh. Above the role's max_sts_ttl it fails,
 * because Vault then shortens the credentials without a warning.
 */
export function checkRoleTtl(profile: ResolvedProfile, role: VaultRole | undefined): Finding {
  const finding = findingsFor(`profile ${profile.profile}`);
  const ttl = profile.ttlSeconds;
  const where = `ttl in [profile ${profile.profile}] of ${profile.mapPath}`;
  const maxTtl = typeof role?.max_sts_ttl === 'number' ? role.max_sts_ttl : 0;

  if (ttl < SHORT_TTL_SECONDS) {
    return finding.warn('role.ttl', describeShortTtl(ttl), `set ${where} to ${SHORT_TTL_DURATION} or more, such as the default 1h`);
  }

  if (maxTtl > 0 && ttl > maxTtl) {
    return finding.fail(
      'role.ttl',
      `ttl ${formatDuration(ttl)} is above the role's max_sts_ttl of ${formatDuration(maxTtl)}, so Vault issues credentials for ${formatDuration(maxTtl)} only`,
      `lower ${where} to ${formatDuration(maxTtl)} or less, or raise max_sts_ttl of ${profile.mount}/roles/${profile.role}`,
    );
  }

  let limit = 'the role sets no max_sts_ttl';
  if (role === undefined) {
    limit = 'the role\'s max_sts_ttl was not read';
  } else if (maxTtl > 0) {
    limit = `max_sts_ttl ${formatDuration(maxTtl)}`;
  }

  return finding.pass('role.ttl', `ttl ${formatDuration(ttl)}; ${limit}`);
}
