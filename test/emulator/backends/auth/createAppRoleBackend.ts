import type { GoValue } from '../../go/marshalGoJson';
import { quoteGo } from '../../go/quoteGo';
import type { Backend, PathCall, PathSpec } from '../../core/framework/pathSpec';
import { logicalResponse, type HandlerOutcome } from '../../core/logicalResponse';
import { randomBase62, randomUuid } from '../../core/randomValues';
import { badRequest } from '../../core/vaultHttpError';
import type { LoginTokenOptions } from '../../types';
import { NAME_PATTERN } from '../aws/createAwsBackend';
import { issueLoginToken } from './issueLoginToken';

export interface AppRole {
  roleId: string;
  bindSecretId: boolean;
  /** Secret IDs to their accessors. */
  secretIds: Map<string, string>;
  token: LoginTokenOptions;
}

export interface AppRoleBackend extends Backend {
  roles: Map<string, AppRole>;
}

/** Creates an AppRole auth mount with `login`, `role/<name>/role-id` and `role/<name>/secret-id`. */
export function createAppRoleBackend(): AppRoleBackend {
  const roles = new Map<string, AppRole>();
  const paths: PathSpec[] = [
    {
      pattern: /^login$/,
      fields: { role_id: 'string', secret_id: 'string' },
      operations: { update: (call) => login(call, roles) },
      unauthenticated: true,
      synopsis: 'Issue a token based on the credentials supplied',
    },
    {
      pattern: new RegExp(String.raw`^role/(?<role_name>${NAME_PATTERN})/role-id$`),
      fields: { role_name: 'string' },
      operations: { read: (call) => readRoleId(call, roles) },
      synopsis: 'Returns the role ID of the role.',
    },
    {
      pattern: new RegExp(String.raw`^role/(?<role_name>${NAME_PATTERN})/secret-id$`),
      fields: { role_name: 'string', metadata: 'string', cidr_list: 'commaStringSlice', token_bound_cidrs: 'commaStringSlice', num_uses: 'int', ttl: 'durationSecond' },
      operations: { update: (call) => generateSecretId(call, roles) },
      synopsis: 'Generate a SecretID against this role.',
    },
  ];
  return { type: 'approle', paths: () => paths, roles };
}

/** Validates in the order of Vault's AppRole `pathLoginUpdate`; surrounding whitespace in the IDs is trimmed. */
function login(call: PathCall, roles: Map<string, AppRole>): HandlerOutcome {
  const roleId = call.fields.string('role_id').trim();
  if (roleId === '') {
    throw badRequest('missing role_id');
  }

  const found = [...roles.entries()].find(([, role]) => role.roleId === roleId);
  if (found === undefined) {
    throw badRequest('invalid role or secret ID');
  }

  const [roleName, role] = found;
  if (role.bindSecretId) {
    const secretId = call.fields.string('secret_id').trim();
    if (secretId === '') {
      throw badRequest('missing secret_id');
    }

    if (!role.secretIds.has(secretId)) {
      throw badRequest('invalid role or secret ID');
    }
  }

  return issueLoginToken(call.request, { options: role.token, metadata: { role_name: roleName }, displayName: '' });
}

function readRoleId(call: PathCall, roles: Map<string, AppRole>): HandlerOutcome {
  const role = roles.get(call.fields.string('role_name'));
  return role === undefined ? null : logicalResponse(new Map<string, GoValue>([['role_id', role.roleId]]));
}

function generateSecretId(call: PathCall, roles: Map<string, AppRole>): HandlerOutcome {
  const roleName = call.fields.string('role_name');
  const role = roles.get(roleName);
  if (role === undefined) {
    throw badRequest(`role ${quoteGo(roleName)} does not exist`);
  }

  const secretId = randomUuid();
  const accessor = randomUuid();
  role.secretIds.set(secretId, accessor);
  return logicalResponse(
    new Map<string, GoValue>([
      ['secret_id', secretId],
      ['secret_id_accessor', accessor],
      ['secret_id_num_uses', call.fields.get<number>('num_uses') ?? 0],
      ['secret_id_ttl', call.fields.get<number>('ttl') ?? 0],
    ]),
  );
}

/** Registers a role with one secret ID, creating IDs where none are given. */
export function addAppRole(backend: AppRoleBackend, roleName: string, options: { roleId?: string | undefined; secretId?: string | undefined; bindSecretId?: boolean | undefined; token: LoginTokenOptions }): { roleId: string; secretId: string } {
  const roleId = options.roleId ?? randomUuid();
  const secretId = options.secretId ?? randomUuid();
  backend.roles.set(roleName, {
    roleId,
    bindSecretId: options.bindSecretId ?? true,
    secretIds: new Map([[secretId, randomBase62()]]),
    token: options.token,
  });
  return { roleId, secretId };
}
