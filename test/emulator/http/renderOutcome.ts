import { marshalGoJson } from '../go/marshalGoJson';
import type { EmulatorContext } from '../core/emulatorContext';
import { logicalResponse, type HandlerOutcome, type LogicalResponse } from '../core/logicalResponse';
import { buildHttpResponse, renderLogicalBody } from '../core/renderLogicalResponse';
import { createWrappingToken } from '../core/wrapping/createWrappingToken';
import { errorReply, type Reply } from './reply';

export interface RenderContext {
  operation: string;
  path: string;
  requestId: string;
  mountType: string;
  wrapTtlSeconds: number;
}

/** Turns a handler outcome into the HTTP reply: 204 or 404 for no result, wrapping when requested. */
export function renderOutcome(context: EmulatorContext, outcome: HandlerOutcome, render: RenderContext): Reply {
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

