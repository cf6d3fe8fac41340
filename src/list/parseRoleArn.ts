export interface RoleArnParts {
  /** The 12-digit AWS account ID. */
  accountId: string;
  /** The role name with its path, as after `role/` in the ARN: `admin` or `team/admin`. */
  roleName: string;
}

/** Splits an IAM role ARN (`arn:aws:iam::123456789012:role/team/admin`); undefined for anything else. */
export function parseRoleArn(arn: string | undefined): RoleArnParts | undefined {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(arn ?? '');
  if (match === null) {
    return undefined;
  }

  return { accountId: match[1] as string, roleName: match[2] as string };
}
