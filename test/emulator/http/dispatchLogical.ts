import type { IncomingHttpHeaders } from 'node:http';
import { quoteGo } from '../go/quoteGo';
import { allowsOperation, capabilitiesFor } from '../core/acl/capabilitiesFor';
import type { EmulatorContext } from '../core/emulatorContext';
import { findPath, type BackendRequest } from '../core/framework/pathSpec';
import { runPath } from '../core/framework/runPath';
import type { TokenEntry } from '../core/tokens/tokenStore';
import { badRequest, invalidToken, permissionDenied, VaultHttpError } from '../core/vaultHttpError';
import { INVALID_WRAPPING_TOKEN } from '../backends/system/wrappingHandlers';
import { buildRequestData } from './buildRequestData';
import type { Reply } from './reply';
import { renderOutcome } from './renderOutcome';
import { headerValue, readClientToken, readWrapTtl } from './requestHeaders';

export interface LogicalHttpRequest {
  method: string;
  /** Path after `/v1/`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  bodyTooLarge: boolean;
  requestId: string;
}

/**
 * Serves a logical request in Vault's order. It builds the data, checks the token and the ACL
 * (login paths skip both), routes to the mount and path and runs the handler. Then it renders the
 * result, wraps it when requested, and turns an empty result into 204 or 404.
 */
export function dispatchLogical(context: EmulatorContext, input: LogicalHttpRequest): Reply {
  const { operation, path, data } = buildRequestData(input.method, input.path, input.query, input.body, headerValue(input.headers, 'content-type'), input.bodyTooLarge);
  const wrapTtlSeconds = readWrapTtl(input.headers);
  const features = context.features();
  const mount = context.mounts.match(path);
  const subpath = mount === undefined ? path : path.slice(mount.mountPath.length);
  const unauthenticated = mount !== undefined && findPath(mount.backend, subpath, features)?.spec.unauthenticated === true;
  const clientToken = readClientToken(input.headers);

  const token = unauthenticated ? undefined : authenticate(context, clientToken, path, operation);
  if (mount === undefined) {
    throw new VaultHttpError(404, [`no handler for route ${quoteGo(path)}. route entry not found.`]);
  }

  const request: BackendRequest = {
    operation,
    path,
    subpath,
    mountPath: mount.mountPath,
    data,
    token,
    clientToken: unauthenticated ? undefined : clientToken,
    headers: input.headers,
    context,
  };
  const outcome = runPath(mount.backend, request);
  const reply = renderOutcome(context, outcome, { operation, path, requestId: input.requestId, mountType: mount.backend.type, wrapTtlSeconds });
  const namespace = headerValue(input.headers, 'x-vault-namespace');
  if (namespace !== undefined) {
    reply.headers['X-Vault-Namespace'] = namespace;
  }

  return reply;
}

/** Resolves the token and checks the ACL; spends one use of a use-limited token. */
function authenticate(context: EmulatorContext, clientToken: string | undefined, path: string, operation: string): TokenEntry {
  if (clientToken === undefined) {
    throw permissionDenied();
  }

  const token = context.tokens.find(clientToken);
  if (token === undefined) {
    // Unwrapping rejects a spent or unknown wrapping token with its own 400 error instead of 403.
    if (path === 'sys/wrapping/unwrap') {
      throw badRequest(INVALID_WRAPPING_TOKEN);
    }

    throw invalidToken(context.features().invalidTokenError);
  }

  if (!allowsOperation(capabilitiesFor(token, path, context.policies), operation)) {
    throw permissionDenied();
  }

  // A wrapping token is spent by the unwrap itself, not by passing the ACL check.
  if (token.wrappedBody === undefined) {
    context.tokens.use(token);
  }

  return token;
}
