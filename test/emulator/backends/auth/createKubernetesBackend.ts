import { quoteGo } from '../../go/quoteGo';
import type { Backend, PathCall, PathSpec } from '../../core/framework/pathSpec';
import type { HandlerOutcome } from '../../core/logicalResponse';
import { badRequest, coreError } from '../../core/vaultHttpError';
import type { KubernetesRoleOptions } from '../../types';
import { decodeJwt } from './decodeJwt';
import { issueLoginToken } from './issueLoginToken';

export interface KubernetesBackend extends Backend {
  roles: Map<string, KubernetesRoleOptions>;
}

/** Creates a Kubernetes auth mount with `login`. The service account comes from the JWT claims because no TokenReview is sent. */
export function createKubernetesBackend(): KubernetesBackend {
  const roles = new Map<string, KubernetesRoleOptions>();
  const paths: PathSpec[] = [
    {
      pattern: /^login$/,
      fields: { role: 'string', jwt: 'string' },
      operations: { update: (call) => login(call, roles) },
      unauthenticated: true,
      synopsis: 'Authenticates Kubernetes service accounts with Vault.',
    },
  ];
  return { type: 'kubernetes', paths: () => paths, roles };
}

function login(call: PathCall, roles: Map<string, KubernetesRoleOptions>): HandlerOutcome {
  const roleName = call.fields.string('role');
  if (roleName === '') {
    throw badRequest('missing role');
  }

  const token = call.fields.string('jwt');
  if (token === '') {
    throw badRequest('missing jwt');
  }

  const role = roles.get(roleName);
  if (role === undefined) {
    throw badRequest(`invalid role name ${quoteGo(roleName)}`);
  }

  const account = serviceAccountOf(token);
  if (!allows(role.namespaces, account.namespace)) {
    throw coreError(403, 'namespace not authorized');
  }

  if (!allows(role.serviceAccountNames, account.name)) {
    throw coreError(403, 'service account name not authorized');
  }

  const metadata = {
    role: roleName,
    service_account_name: account.name,
    service_account_namespace: account.namespace,
    service_account_secret_name: '',
    service_account_uid: account.uid,
  };
  return issueLoginToken(call.request, { options: role, metadata, displayName: `${account.namespace}-${account.name}` });
}

function allows(allowed: readonly string[], value: string): boolean {
  return allowed.includes('*') || allowed.includes(value);
}

/** Reads the service account from a projected token (`kubernetes.io` claim) or a legacy secret token. */
function serviceAccountOf(token: string): { namespace: string; name: string; uid: string } {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token).claims;
  } catch {
    throw coreError(403, 'permission denied');
  }

  const projected = claims['kubernetes.io'] as { namespace?: string; serviceaccount?: { name?: string; uid?: string } } | undefined;
  if (projected !== undefined) {
    return { namespace: projected.namespace ?? '', name: projected.serviceaccount?.name ?? '', uid: projected.serviceaccount?.uid ?? '' };
  }

  return {
    namespace: String(claims['kubernetes.io/serviceaccount/namespace'] ?? ''),
    name: String(claims['kubernetes.io/serviceaccount/service-account.name'] ?? ''),
    uid: String(claims['kubernetes.io/serviceaccount/service-account.uid'] ?? ''),
  };
}
