import { UsageError } from '../errors';
import { VaultRequestError } from '../vault/vaultRequestError';
import type { VaultRoleSourceFactory, VaultTarget } from './vaultRoleSource';

/** The profile settings that decide which role and ARN Vault is asked for. */
export interface RoleToCheck {
  profile: string;
  mount: string;
  role: string;
  /** Undefined when the profile sends no role_arn. */
  roleArn: string | undefined;
  /** The source of roleArn, for messages: `--role-arn` unless given. */
  roleArnSource?: string;
}

/**
 * Checks the role and ARN against Vault with `GET <mount>/roles/<role>`, and after a 404 with
 * `LIST <mount>/roles` to name the roles. Vault (1.x, `strutil.StrListContains`) compares role_arn
 * with the role's `role_arns` exactly, without wildcards.
 *
 * @returns a warning when the role could not be checked: no token, no permission to read the
 *   role, or Vault not reachable. Configure still writes the profile then.
 * @throws UsageError when Vault reports that the mount or role does not exist, or when Vault
 *   would reject the profile's role_arn or its missing role_arn.
 */
export async function checkVaultRole(request: RoleToCheck, factory: VaultRoleSourceFactory, target: VaultTarget): Promise<string | undefined> {
  const { mount, role } = request;
  const uncheckable = `the Vault role ${mount}/roles/${role} could not be checked`;

  let arns: string[];
  try {
    const source = await factory(target);
    if (source === undefined) {
      return undefined;
    }

    try {
      arns = await source.readRoleArns(mount, role);
    } catch (error) {
      if (!(error instanceof VaultRequestError) || error.status !== 404) {
        throw error;
      }

      throw await describeMissingRole(request, error, () => source.listRoles(mount));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      throw error;
    }

    const reason = error instanceof Error ? error.message : String(error);
    return `${uncheckable}, so the profile is set up without that check: ${stripFinalPeriod(reason)}. Run "vault-aws doctor --profile ${request.profile}" once Vault can be reached with a token that may read the role.`;
  }

  judgeRoleArn(request, arns);
  return undefined;
}

/** Rejects a role_arn that Vault would reject, or a missing one when the role allows several. */
function judgeRoleArn(request: RoleToCheck, arns: string[]): void {
  const { mount, role, roleArn } = request;
  // Only assumed_role uses role_arns, and it ignores role_arn otherwise. An assumed_role role without
  // ARNs cannot work at all, which doctor reports.
  if (arns.length === 0) {
    return;
  }

  const listed = arns.join(', ');
  if (roleArn === undefined && arns.length > 1) {
    throw new UsageError(`Missing --role-arn: the Vault role ${mount}/roles/${role} allows ${arns.length} ARNs (${listed}), so Vault requires one. Pass --role-arn with one of them.`);
  }

  if (roleArn !== undefined && !arns.includes(roleArn)) {
    const source = request.roleArnSource ?? '--role-arn';
    const choice = arns.length === 1 ? `Pass --role-arn ${arns[0] as string}, or --role-arn "" to leave role_arn out, since the role has a single ARN` : 'Pass --role-arn with one of them';
    throw new UsageError(`Invalid role_arn ${JSON.stringify(roleArn)} from ${source}: the Vault role ${mount}/roles/${role} allows only ${listed}. ${choice}.`);
  }
}

/** Builds the error for a 404: no engine at the mount, or no such role under it. */
async function describeMissingRole(request: RoleToCheck, error: VaultRequestError, listRoles: () => Promise<string[]>): Promise<UsageError> {
  const { mount, role } = request;
  if (error.vaultErrors.some((text) => /no handler for route|unsupported path/.test(text))) {
    return new UsageError(`Invalid --vault-mount ${JSON.stringify(mount)}: Vault has no secrets engine mounted at ${mount}/. "vault secrets list" shows the mounts.`);
  }

  let roles: string;
  try {
    const names = await listRoles();
    roles = names.length === 0 ? `Vault lists no roles under ${mount}/` : `the roles under ${mount}/ are ${names.join(', ')}`;
  } catch (listError) {
    if (listError instanceof VaultRequestError && listError.status === 404) {
      // Vault responds with 404 to a LIST that finds no keys.
      return new UsageError(`Invalid --vault-role ${JSON.stringify(role)}: the mount ${mount}/ has no roles yet. Create the role with "vault write ${mount}/roles/${role} ..." first.`, { cause: error });
    }

    const reason = listError instanceof Error ? listError.message : String(listError);
    roles = `the roles under ${mount}/ could not be listed (${stripFinalPeriod(reason)})`;
  }

  return new UsageError(`Invalid --vault-role ${JSON.stringify(role)}: Vault has no such role under the mount ${mount}/, and ${roles}. Pass --vault-role with an existing role.`, { cause: error });
}

/** Removes one final period, so that the text can end a clause of a longer sentence. */
export function stripFinalPeriod(text: string): string {
  return text.replace(/\.\s*$/, '');
}
