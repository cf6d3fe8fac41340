import type { Backend, PathSpec } from '../../core/framework/pathSpec';
import { logicalResponse } from '../../core/logicalResponse';
import type { VaultFeatures } from '../../core/vaultFeatures';
import { type AwsEngine } from './awsEngine';
import { roleResponseData } from './awsRoleEntry';
import { readCredentials } from './readCredentials';
import { roleFields, writeRoleEntry } from './writeRoleEntry';

/** Vault's `framework.GenericNameWithAtRegex`: a word character, optionally word characters, `-`, `.` or `@`, ending in a word character. */
export const NAME_PATTERN = String.raw`\w(?:(?:[\w\-.@]+)?\w)?`;

const CREDS_PATTERN = new RegExp(String.raw`^(?:creds|sts)/(?<name>${NAME_PATTERN})$`);
const ROLE_PATTERN = new RegExp(String.raw`^roles/(?<name>${NAME_PATTERN})$`);

/** Creates the AWS secrets engine backend with the paths `creds|sts/<name>`, `roles/` and `roles/<name>`. */
export function createAwsBackend(engine: AwsEngine): Backend {
  return { type: 'aws', paths: (features) => awsPaths(engine, features) };
}

function awsPaths(engine: AwsEngine, features: VaultFeatures): PathSpec[] {
  return [
    {
      pattern: CREDS_PATTERN,
      fields: {
        name: 'string',
        role_arn: 'string',
        ttl: 'durationSecond',
        role_session_name: 'string',
        ...(features.sessionToken ? { mfa_code: 'string' as const } : {}),
      },
      operations: {
        read: (call) => readCredentials(call, engine),
        update: (call) => readCredentials(call, engine),
      },
      synopsis: 'Generate AWS credentials from a specific Vault role.',
    },
    {
      pattern: /^roles\/?$/,
      fields: {},
      operations: {
        list: () => logicalResponse(new Map([['keys', [...engine.roles.keys()].sort()]])),
      },
      synopsis: 'List the existing roles in this backend',
    },
    {
      pattern: ROLE_PATTERN,
      fields: roleFields(features),
      operations: {
        read: ({ fields }) => {
          const role = engine.roles.get(fields.string('name'));
          return role === undefined ? null : logicalResponse(roleResponseData(role, features));
        },
        update: ({ fields }) => {
          const name = fields.string('name');
          const { role, warnings } = writeRoleEntry(engine.roles.get(name), fields, features);
          engine.roles.set(name, role);
          return warnings.length === 0 ? null : logicalResponse(null, { warnings });
        },
        delete: ({ fields }) => {
          engine.roles.delete(fields.string('name'));
          engine.simulations.delete(fields.string('name'));
          return null;
        },
      },
      synopsis: 'Read, write and reference IAM policies that access keys can be made for.',
    },
  ];
}
