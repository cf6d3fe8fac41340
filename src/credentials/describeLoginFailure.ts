import type { ResolvedProfile } from '../profiles/resolveProfile';
import type { VaultRequestError } from '../vault/vaultRequestError';

/**
 * Returns the next step after a failed login request (`auth/<mount>/…` or `sys/wrapping/unwrap`),
 * or undefined when the error is not a login failure with a known cause.
 */
export function describeLoginFailure(error: VaultRequestError, profile: ResolvedProfile): string | undefined {
  const login = profile.login;
  if (login === undefined || !(error.path.startsWith('auth/') || error.path === 'sys/wrapping/unwrap')) {
    return undefined;
  }

  const text = error.vaultErrors.join(' ');
  const where = `[profile ${profile.profile}] or [vault] of ${profile.mapPath}`;
  if ((error.status === 404 || error.status === 405) && /no handler for route|unsupported path|unsupported operation/.test(text)) {
    return `No ${login.method} auth method is mounted at auth/${login.mount}; set auth_mount in ${where} to its path`;
  }

  if (/invalid role or secret ID/.test(text)) {
    return 'Vault rejected the AppRole credentials; check role_id (or VAULT_ROLE_ID) and the secret ID in secret_id_file (or VAULT_SECRET_ID), which may have expired or run out of uses';
  }

  if (/missing secret_id/.test(text)) {
    return `The AppRole role requires a secret ID; set secret_id_file in ${where} or VAULT_SECRET_ID`;
  }

  if (/invalid username or password/.test(text)) {
    return `Vault rejected the user name or password; run "vault-aws login --profile ${profile.profile}" again`;
  }

  if (/token is expired|not yet valid/.test(text)) {
    return `The JWT in ${login.jwtFile ?? 'jwt_file'} is expired or not yet valid; CI systems issue a new one per job`;
  }

  if (/missing role|could not be found|invalid role name|entry for role .* not found/.test(text)) {
    return `Set auth_role in ${where} to a role of the ${login.method} auth method at auth/${login.mount}`;
  }

  if (/not authorized|does not belong to the role|bound claim|audience|subject/.test(text)) {
    return `The Vault role ${JSON.stringify(login.role ?? '')} does not allow this identity; check the role's bound service accounts, claims or IAM principals`;
  }

  if (/X-Vault-AWS-IAM-Server-ID/i.test(text)) {
    return `The aws auth mount requires the X-Vault-AWS-IAM-Server-ID header; set iam_server_id_header_value in ${where} to the mount's iam_server_id_header_value`;
  }

  return undefined;
}
