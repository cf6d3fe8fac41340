import { formatMultiError } from '../../go/formatMultiError';
import type { GoValue } from '../../go/marshalGoJson';
import { quoteGo } from '../../go/quoteGo';
import type { VaultFeatures } from '../../core/vaultFeatures';

/** A stored AWS secrets engine role, as `awsRoleEntry` in Vault's `path_roles.go`. */
export interface AwsRoleEntry {
  credentialTypes: string[];
  policyArns: string[] | null;
  roleArns: string[] | null;
  policyDocument: string;
  iamGroups: string[] | null;
  iamTags: Map<string, string> | null;
  sessionTags: Map<string, string> | null;
  externalId: string;
  /** Seconds; 0 means unset. */
  defaultStsTtl: number;
  /** Seconds; 0 means unset. */
  maxStsTtl: number;
  userPath: string;
  permissionsBoundaryArn: string;
  mfaSerialNumber: string;
  /** Set for roles created with the deprecated `arn` or `policy` parameters. */
  prohibitFlexibleCredPath: boolean;
  invalidData: string;
}

export function emptyRoleEntry(): AwsRoleEntry {
  return {
    credentialTypes: [],
    policyArns: null,
    roleArns: null,
    policyDocument: '',
    iamGroups: null,
    iamTags: null,
    sessionTags: null,
    externalId: '',
    defaultStsTtl: 0,
    maxStsTtl: 0,
    userPath: '',
    permissionsBoundaryArn: '',
    mfaSerialNumber: '',
    prohibitFlexibleCredPath: false,
    invalidData: '',
  };
}

const USER_PATH = /^\/([\x21-\x7F]{0,510}\/)?$/;

/** Returns the `error(s) validating supplied role data` text, or `undefined` when the role is valid. */
export function validateRoleEntry(role: AwsRoleEntry, features: VaultFeatures): string | undefined {
  let errors: string[] = [];
  const types = role.credentialTypes;
  const allowed = ['iam_user', 'assumed_role', 'federation_token', ...(features.sessionToken ? ['session_token'] : [])];
  const hasStsType = types.includes('assumed_role') || types.includes('federation_token') || types.includes('session_token');

  if (types.length === 0) {
    errors.push('did not supply credential_type');
  }

  for (const type of types) {
    if (!allowed.includes(type)) {
      errors.push(`unrecognized credential type: ${type}`);
    }
  }

  if (role.defaultStsTtl !== 0 && !hasStsType) {
    errors.push('default_sts_ttl parameter only valid for assumed_role, federation_token, and session_token credential types');
  }

  if (role.maxStsTtl !== 0 && !hasStsType) {
    errors.push('max_sts_ttl parameter only valid for assumed_role, federation_token, and session_token credential types');
  }

  if (role.maxStsTtl > 0 && role.defaultStsTtl > 0 && role.defaultStsTtl > role.maxStsTtl) {
    errors.push('"default_sts_ttl" value must be less than or equal to "max_sts_ttl" value');
  }

  if (role.userPath !== '') {
    if (!types.includes('iam_user')) {
      errors.push('user_path parameter only valid for iam_user credential type');
    }

    if (!USER_PATH.test(role.userPath)) {
      errors.push(`the specified value for user_path is invalid. It must match ${quoteGo(USER_PATH.source)} regexp`);
    }
  }

  if (role.permissionsBoundaryArn !== '') {
    if (!types.includes('iam_user')) {
      errors.push("cannot supply permissions_boundary_arn when credential_type isn't iam_user");
    }

    const problem = managedPolicyProblem(role.permissionsBoundaryArn);
    if (problem !== undefined) {
      // Vault appends this error to a fresh multierror, which drops the errors collected so far.
      errors = [`invalid permissions_boundary_arn parameter: ${problem}`];
    }
  }

  if ((role.policyDocument !== '' || (role.policyArns?.length ?? 0) !== 0) && types.includes('session_token')) {
    errors.push('cannot supply a policy or role when using credential_type session_token');
  }

  if ((role.roleArns?.length ?? 0) > 0 && !types.includes('assumed_role')) {
    errors.push("cannot supply role_arns when credential_type isn't assumed_role");
  }

  if ((role.sessionTags?.size ?? 0) > 0 && !types.includes('assumed_role')) {
    errors.push("cannot supply session_tags when credential_type isn't assumed_role");
  }

  if (role.externalId !== '' && !types.includes('assumed_role')) {
    errors.push("cannot supply external_id when credential_type isn't assumed_role");
  }

  return errors.length === 0 ? undefined : `error(s) validating supplied role data: ${quoteGo(formatMultiError(errors))}`;
}

/** Checks a permissions boundary the way `validateAWSManagedPolicy` does. */
function managedPolicyProblem(policyArn: string): string | undefined {
  if (!policyArn.startsWith('arn:')) {
    return 'arn: invalid prefix';
  }

  const sections = policyArn.split(':');
  if (sections.length < 6) {
    return 'arn: not enough sections';
  }

  const service = sections[2] ?? '';
  const resource = sections.slice(5).join(':');
  if (service !== 'iam') {
    return `expected a service of iam but got ${service}`;
  }

  if (!resource.startsWith('policy/')) {
    return `expected a resource type of policy but got ${resource}`;
  }

  return undefined;
}

/** The role as `GET <mount>/roles/<name>` returns it; keys depend on the Vault version. */
export function roleResponseData(role: AwsRoleEntry, features: VaultFeatures): Map<string, GoValue> {
  const data = new Map<string, GoValue>([
    ['credential_type', role.credentialTypes.join(',')],
    ['policy_arns', role.policyArns],
    ['role_arns', role.roleArns],
    ['policy_document', role.policyDocument],
    ['iam_groups', role.iamGroups],
    ['iam_tags', role.iamTags],
    ['default_sts_ttl', role.defaultStsTtl],
    ['max_sts_ttl', role.maxStsTtl],
    ['user_path', role.userPath],
    ['permissions_boundary_arn', role.permissionsBoundaryArn],
  ]);

  if (features.sessionToken) {
    data.set('mfa_serial_number', role.mfaSerialNumber);
  }

  if (features.sessionTags) {
    data.set('session_tags', role.sessionTags);
    data.set('external_id', role.externalId);
  }

  if (role.invalidData !== '') {
    data.set('invalid_data', role.invalidData);
  }

  return data;
}
