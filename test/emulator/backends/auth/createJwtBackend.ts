import { quoteGo } from '../../go/quoteGo';
import type { Backend, PathCall, PathSpec } from '../../core/framework/pathSpec';
import type { HandlerOutcome } from '../../core/logicalResponse';
import { badRequest } from '../../core/vaultHttpError';
import type { JwtRoleOptions } from '../../types';
import { decodeJwt, verifyJwtSignature } from './decodeJwt';
import { issueLoginToken } from './issueLoginToken';

export interface JwtBackend extends Backend {
  roles: Map<string, JwtRoleOptions>;
  config: { defaultRole: string };
}

/** Creates a JWT auth mount with `login`, which checks the claims, and the signature when the role lists public keys. */
export function createJwtBackend(): JwtBackend {
  const roles = new Map<string, JwtRoleOptions>();
  const config = { defaultRole: '' };
  const paths: PathSpec[] = [
    {
      pattern: /^login$/,
      fields: { role: 'string', jwt: 'string' },
      operations: { update: (call) => login(call, roles, config.defaultRole) },
      unauthenticated: true,
      synopsis: 'Authenticates to Vault using a JWT (or OIDC) token.',
    },
  ];
  return { type: 'jwt', paths: () => paths, roles, config };
}

// NOTE: the texts after "error validating token: " approximate the messages of the hashicorp/cap JWT validator and were not compared with a running Vault.
function login(call: PathCall, roles: Map<string, JwtRoleOptions>, defaultRole: string): HandlerOutcome {
  const roleName = call.fields.string('role') || defaultRole;
  if (roleName === '') {
    throw badRequest('missing role');
  }

  const role = roles.get(roleName);
  if (role === undefined) {
    throw badRequest(`role ${quoteGo(roleName)} could not be found`);
  }

  const token = call.fields.string('jwt');
  if (token === '') {
    throw badRequest('missing token');
  }

  const claims = validateToken(token, role, call.request.context.vaultNow());
  const userClaim = role.userClaim ?? 'sub';
  const user = claims[userClaim];
  if (user === undefined) {
    throw badRequest(`claim ${quoteGo(userClaim)} not found in token`);
  }

  for (const [claim, expected] of Object.entries(role.boundClaims ?? {})) {
    if (claims[claim] !== expected) {
      throw badRequest(`error validating claims: claim ${quoteGo(claim)} does not match any associated bound claim values`);
    }
  }

  return issueLoginToken(call.request, { options: role, metadata: { role: roleName }, displayName: String(user) });
}

function validateToken(token: string, role: JwtRoleOptions, nowMs: number): Record<string, unknown> {
  let decoded;
  try {
    decoded = decodeJwt(token);
  } catch (error) {
    throw badRequest(`error validating token: ${(error as Error).message}`);
  }

  const { header, claims } = decoded;
  if (role.publicKeys !== undefined && role.publicKeys.length > 0 && !verifyJwtSignature(token, header['alg'], role.publicKeys)) {
    throw badRequest('error validating token: failed to verify signature: no known key successfully validated the token signature');
  }

  const nowSeconds = nowMs / 1000;
  if (typeof claims['exp'] === 'number' && claims['exp'] < nowSeconds) {
    throw badRequest('error validating token: invalid expiration time (exp) claim: token is expired');
  }

  if (typeof claims['nbf'] === 'number' && claims['nbf'] > nowSeconds) {
    throw badRequest('error validating token: invalid not before (nbf) claim: token not yet valid');
  }

  const audiences = Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']];
  const bound = role.boundAudiences ?? [];
  if (bound.length > 0 && !audiences.some((audience) => typeof audience === 'string' && bound.includes(audience))) {
    throw badRequest('error validating token: invalid audience (aud) claim: audience claim does not match any expected audience');
  }

  if (role.boundSubject !== undefined && claims['sub'] !== role.boundSubject) {
    throw badRequest('error validating token: invalid subject (sub) claim');
  }

  return claims;
}
