import type { GoValue } from '../../go/marshalGoJson';
import type { BackendRequest } from '../../core/framework/pathSpec';
import { logicalResponse, type LogicalResponse } from '../../core/logicalResponse';
import { randomServiceToken } from '../../core/randomValues';
import { newEntityId, tokenLifetime } from '../../core/tokens/tokenStore';
import type { LoginTokenOptions } from '../../types';
import { SYSTEM_MAX_LEASE_TTL_SECONDS } from '../aws/awsEngine';

/** What a successful login grants. */
export interface LoginGrant {
  options: LoginTokenOptions;
  metadata: Record<string, string> | null;
  /** The method's display name for the login, such as the user name; Vault prefixes the mount. */
  displayName: string;
}

/**
 * Creates the service token of a successful login and returns the login response: `data` null,
 * the `auth` block in Vault's field order, and `mount_type` set to the auth method type.
 */
export function issueLoginToken(request: BackendRequest, grant: LoginGrant): LogicalResponse {
  const context = request.context;
  const source = request.mountPath.replace(/^auth\//, '').replace(/\/$/, '').replace(/\//g, '-');
  const policies = [...new Set([...(grant.options.policies ?? []), 'default'])].sort();
  const ttlSeconds = grant.options.tokenTtlSeconds ?? SYSTEM_MAX_LEASE_TTL_SECONDS;
  const numUses = grant.options.tokenNumUses ?? 0;

  const token = context.tokens.add({
    id: randomServiceToken(),
    policies,
    path: request.path,
    displayName: `${source}-${grant.displayName}`.replace(/-+$/, ''),
    meta: grant.metadata,
    numUses,
    orphan: true,
    entityId: newEntityId(),
    renewable: true,
    ...tokenLifetime(context.vaultNow(), ttlSeconds),
  });

  const auth: GoValue = {
    client_token: token.id,
    accessor: token.accessor,
    policies,
    token_policies: policies,
    metadata: grant.metadata === null ? null : new Map(Object.entries(grant.metadata)),
    lease_duration: ttlSeconds,
    renewable: true,
    entity_id: token.entityId,
    token_type: 'service',
    orphan: true,
    mfa_requirement: null,
    num_uses: numUses,
  };
  return logicalResponse(null, { auth, wrappedAccessor: token.accessor });
}
