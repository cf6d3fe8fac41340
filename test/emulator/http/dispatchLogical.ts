import type { IncomingHttpHeaders } from 'node:http';
import { marshalGoJson } from '../go/marshalGoJson';
import { parseDurationSecond } from '../go/parseDurationSecond';
import { quoteGo } from '../go/quoteGo';
import { allowsOperation, capabilitiesFor } from '../core/acl/capabilitiesFor';
import type { EmulatorContext } from '../core/emulatorContext';
import { findPath, type BackendRequest } from '../core/framework/pathSpec';
import { runPath } from '../core/framework/runPath';
import { logicalResponse, type HandlerOutcome, type LogicalResponse } from '../core/logicalResponse';
import { buildHttpResponse, renderLogicalBody } from '../core/renderLogicalResponse';
import type { TokenEntry } from '../core/tokens/tokenStore';
import { badRequest, invalidToken, permissionDenied, VaultHttpError } from '../core/vaultHttpError';
import { createWrappingToken } from '../core/wrapping/createWrappingToken';
import { INVALID_WRAPPING_TOKEN } from '../backends/system/wrappingHandlers';
import { buildRequestData } from './buildRequestData';
import { errorReply, type Reply } from './reply';

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

/** `X-Vault-Token` first, then `Authorization: Bearer`. */
export function readClientToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headerValue(headers, 'x-vault-token');
  if (header !== undefined && header !== '') {
    return header;
  }

  const authorization = headerValue(headers, 'authorization');
  if (authorization?.startsWith('Bearer ') === true) {
    return authorization.slice('Bearer '.length);
  }

  return undefined;
}

function readWrapTtl(headers: IncomingHttpHeaders): number {
  const header = headerValue(headers, 'x-vault-wrap-ttl');
  if (header === undefined || header === '') {
    return 0;
  }

  let seconds: number;
  try {
    seconds = parseDurationSecond(header);
  } catch (error) {
    throw badRequest(`error parsing X-Vault-Wrap-TTL header: ${(error as Error).message}`);
  }

  if (seconds < 0) {
    throw badRequest('error parsing X-Vault-Wrap-TTL header: requested wrap ttl cannot be negative');
  }

  return seconds;
}

interface RenderContext {
  operation: string;
  path: string;
  requestId: string;
  mountType: string;
  wrapTtlSeconds: number;
}

function renderOutcome(context: EmulatorContext, outcome: HandlerOutcome, render: RenderContext): Reply {
  if (outcome === null) {
    // A read or list with nothing to return is 404 with an empty error list; anything else is 204.
    return render.operation === 'read' || render.operation === 'list' ? errorReply(404, []) : { status: 204, headers: {}, body: '' };
  }

  if (outcome.kind === 'raw') {
    return { status: outcome.status, headers: {}, body: outcome.body };
  }

  if (render.operation === 'list' && isEmptyList(outcome)) {
    return errorReply(404, []);
  }

  const features = context.features();
  const wrapTtlSeconds = render.wrapTtlSeconds > 0 ? render.wrapTtlSeconds : (outcome.defaultWrapTtlSeconds ?? 0);
  if (wrapTtlSeconds > 0) {
    return wrapOutcome(context, outcome, render, wrapTtlSeconds);
  }

  return { status: 200, headers: {}, body: renderLogicalBody(outcome, { requestId: render.requestId, mountType: render.mountType, features }) };
}

function isEmptyList(outcome: LogicalResponse): boolean {
  const keys = outcome.data?.get('keys');
  const hasKeys = Array.isArray(keys) && keys.length > 0;
  const otherData = (outcome.data?.size ?? 0) > (outcome.data?.has('keys') === true ? 1 : 0);
  return !hasKeys && !otherData && outcome.warnings.length === 0;
}

/**
 * Stores the response (marshalled with its request ID, without a trailing newline) behind a
 * wrapping token and returns a response that holds only `wrap_info`, with empty `request_id` and
 * `mount_type`.
 */
function wrapOutcome(context: EmulatorContext, outcome: LogicalResponse, render: RenderContext, ttlSeconds: number): Reply {
  const features = context.features();
  const stored = marshalGoJson(buildHttpResponse(outcome, { requestId: render.requestId, mountType: render.mountType, features }));
  const { wrapInfo } = createWrappingToken(context, stored, { ttlSeconds, creationPath: render.path, wrappedAccessor: outcome.wrappedAccessor });
  const body = renderLogicalBody(logicalResponse(null), { requestId: '', mountType: '', features, wrapInfo });
  return { status: 200, headers: {}, body };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

