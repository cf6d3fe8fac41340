import { quoteGo } from '../../go/quoteGo';
import type { FieldType } from '../../core/framework/convertField';
import type { FieldValues } from '../../core/framework/pathSpec';
import { badRequest, coreError } from '../../core/vaultHttpError';
import type { VaultFeatures } from '../../core/vaultFeatures';
import { emptyRoleEntry, validateRoleEntry, type AwsRoleEntry } from './awsRoleEntry';
import { compactJson } from './compactJson';

/** Fields of `<mount>/roles/<name>` in the emulated version. */
export function roleFields(features: VaultFeatures): Record<string, FieldType> {
  return {
    name: 'string',
    credential_type: 'string',
    role_arns: 'commaStringSlice',
    policy_arns: 'commaStringSlice',
    policy_document: 'string',
    iam_groups: 'commaStringSlice',
    iam_tags: 'kvPairs',
    default_sts_ttl: 'durationSecond',
    max_sts_ttl: 'durationSecond',
    permissions_boundary_arn: 'string',
    arn: 'string',
    policy: 'string',
    user_path: 'string',
    ...(features.sessionToken ? { mfa_serial_number: 'string' as const } : {}),
    ...(features.sessionTags ? { session_tags: 'kvPairs' as const, external_id: 'string' as const } : {}),
  };
}

const LEGACY_GUARDED_FIELDS = ['role_arns', 'policy_arns', 'policy_document', 'default_sts_ttl', 'max_sts_ttl', 'user_path', 'permissions_boundary_arn'];

/**
 * Applies a role write to the stored role (or a new one) in the order of Vault's `pathRolesWrite`
 * and returns the new role with the response warnings. Throws a VaultHttpError for invalid data.
 */
export function writeRoleEntry(existing: AwsRoleEntry | undefined, fields: FieldValues, features: VaultFeatures): { role: AwsRoleEntry; warnings: string[] } {
  const warnings: string[] = [];
  let role: AwsRoleEntry = existing === undefined ? emptyRoleEntry() : { ...existing };
  if (role.invalidData !== '') {
    warnings.push(`Invalid data of ${quoteGo(role.invalidData)} cleared out of role`);
    role.invalidData = '';
  }

  const legacy = legacyRoleData(fields);
  if (fields.has('credential_type')) {
    rejectWithLegacy(legacy, 'an explicit credential_type');
    role.credentialTypes = [fields.string('credential_type')];
  }

  for (const name of LEGACY_GUARDED_FIELDS) {
    if (fields.has(name)) {
      rejectWithLegacy(legacy, name);
    }
  }

  applyModernFields(role, fields);

  if (legacy !== '') {
    role = upgradeLegacyPolicyEntry(legacy);
    if (role.invalidData !== '') {
      throw badRequest(`unable to parse supplied data: ${quoteGo(role.invalidData)}`);
    }

    warnings.push('Detected use of legacy role or policy parameter. Please upgrade to use the new parameters.');
  } else {
    role.prohibitFlexibleCredPath = false;
  }

  const problem = validateRoleEntry(role, features);
  if (problem !== undefined) {
    throw badRequest(problem);
  }

  return { role, warnings };
}

function applyModernFields(role: AwsRoleEntry, fields: FieldValues): void {
  role.roleArns = fields.get<string[]>('role_arns') ?? role.roleArns;
  role.policyArns = fields.get<string[]>('policy_arns') ?? role.policyArns;
  if (fields.has('policy_document')) {
    const document = fields.string('policy_document');
    try {
      role.policyDocument = document === '' ? '' : compactJson(document);
    } catch {
      throw badRequest(`cannot parse policy document: ${quoteGo(document)}`);
    }
  }

  role.defaultStsTtl = fields.get<number>('default_sts_ttl') ?? role.defaultStsTtl;
  role.maxStsTtl = fields.get<number>('max_sts_ttl') ?? role.maxStsTtl;
  role.userPath = fields.get<string>('user_path') ?? role.userPath;
  role.permissionsBoundaryArn = fields.get<string>('permissions_boundary_arn') ?? role.permissionsBoundaryArn;
  role.iamGroups = fields.get<string[]>('iam_groups') ?? role.iamGroups;
  role.iamTags = fields.get<Map<string, string>>('iam_tags') ?? role.iamTags;
  role.mfaSerialNumber = fields.get<string>('mfa_serial_number') ?? role.mfaSerialNumber;
  role.sessionTags = fields.get<Map<string, string>>('session_tags') ?? role.sessionTags;
  role.externalId = fields.get<string>('external_id') ?? role.externalId;
}

function legacyRoleData(fields: FieldValues): string {
  const policy = fields.string('policy');
  const arn = fields.string('arn');
  if (policy !== '' && arn !== '') {
    // Vault returns this as a plain Go error, which core turns into a wrapped 500.
    throw coreError(500, 'only one of policy or arn should be provided');
  }

  return policy !== '' ? policy : arn;
}

function rejectWithLegacy(legacy: string, what: string): void {
  if (legacy !== '') {
    throw badRequest(`cannot supply deprecated role or policy parameters with ${what}`);
  }
}

/** Turns a deprecated `arn` or `policy` value into a role, as `upgradeLegacyPolicyEntry` does. */
function upgradeLegacyPolicyEntry(entry: string): AwsRoleEntry {
  const role = { ...emptyRoleEntry(), prohibitFlexibleCredPath: true };
  if (entry.startsWith('arn:')) {
    const sections = entry.split(':');
    const resourceType = sections.length >= 6 ? (sections.slice(5).join(':').split('/')[0] ?? '') : '';
    if (resourceType === 'role') {
      return { ...role, credentialTypes: ['assumed_role'], roleArns: [entry] };
    }

    if (resourceType === 'policy') {
      return { ...role, credentialTypes: ['iam_user'], policyArns: [entry] };
    }

    return { ...emptyRoleEntry(), invalidData: entry };
  }

  try {
    return { ...role, credentialTypes: ['iam_user', 'federation_token'], policyDocument: compactJson(entry) };
  } catch {
    return { ...emptyRoleEntry(), invalidData: entry };
  }
}
