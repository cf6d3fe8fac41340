import type { ResolvedProfile } from '../profiles/resolveProfile';
import type { FoundToken } from '../vault/findToken';
import type { VaultClient } from '../vault/vaultClient';
import { VaultRequestError } from '../vault/vaultRequestError';
import { checkRoleArn, checkRoleTtl, credentialTypeInUse, type VaultRole } from './judgeRole';
import { findingsFor, type Finding } from './finding';

/**
 * Reads the profile's Vault role with `GET <mount>/roles/<role>` and checks it against the
 * profile: the role exists, its credential type works through the sts endpoint, the profile's
 * role_arn is allowed and the requested ttl fits. Reading a role needs `read` on that path, which
 * ordinary users often lack; then only the short-ttl warning applies.
 */
export async function checkRole(client: VaultClient, token: FoundToken, profile: ResolvedProfile): Promise<Finding[]> {
  const finding = findingsFor(`profile ${profile.profile}`);
  const path = `${profile.mount}/roles/${profile.role}`;
  const where = `vault_role and vault_mount in [profile ${profile.profile}] of ${profile.mapPath}`;

  let role: VaultRole;
  try {
    const response = await client.request({ method: 'GET', path, token: token.token });
    role = (response.body?.['data'] as VaultRole | undefined) ?? {};
  } catch (error) {
    if (error instanceof VaultRequestError && error.status === 404 && error.vaultErrors.some((text) => /no handler for route|unsupported path/.test(text))) {
      return [finding.fail('role.exists', `no AWS secrets engine is mounted at ${profile.mount}/`, `check ${where}; "vault secrets list" shows the mounts`), checkRoleTtl(profile, undefined)];
    }

    if (error instanceof VaultRequestError && error.status === 404) {
      return [finding.fail('role.exists', `the role ${profile.role} does not exist under ${profile.mount}/`, `check ${where}; "vault list ${profile.mount}/roles" shows the roles`), checkRoleTtl(profile, undefined)];
    }

    if (error instanceof VaultRequestError && error.isPermissionDenied) {
      const found = `the token may not read ${path} (reading a role needs the read capability, which ordinary users often lack), so the role settings are not checked`;
      return [finding.skip('role.exists', found), checkRoleTtl(profile, undefined)];
    }

    const found = error instanceof Error ? error.message : String(error);
    return [finding.fail('role.exists', found, `run "vault read ${path}" to see Vault's error, then run doctor again`), checkRoleTtl(profile, undefined)];
  }

  const findings = [finding.pass('role.exists', `${path} exists`)];
  const type = credentialTypeInUse(role);
  if (type === 'assumed_role') {
    findings.push(finding.pass('role.credential_type', 'assumed_role (sts:AssumeRole)'));
  } else if ((type === 'federation_token' || type === 'session_token') && profile.roleArn === undefined) {
    findings.push(finding.pass('role.credential_type', `${type}, which ignores role_arn`));
  } else if (type === 'federation_token' || type === 'session_token') {
    findings.push(finding.fail('role.credential_type', `${type}, which ignores the profile's role_arn`, `remove role_arn from [profile ${profile.profile}] or make the Vault role assumed_role`));
  } else {
    const fix = `vault write ${path} credential_type=assumed_role role_arns=ARN`;
    findings.push(finding.fail('role.credential_type', `credential_type is ${JSON.stringify(type ?? '')}, not assumed_role; vault-aws needs short-lived STS credentials`, fix));
  }

  findings.push(checkRoleArn(role, type, profile), checkRoleTtl(profile, role));
  return findings;
}
