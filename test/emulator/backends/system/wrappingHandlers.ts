import { formatGoTime } from '../../go/formatGoTime';
import type { GoValue } from '../../go/marshalGoJson';
import { toGoValue } from '../../go/marshalGoJson';
import type { EmulatorContext } from '../../core/emulatorContext';
import type { PathCall } from '../../core/framework/pathSpec';
import { logicalResponse, type HandlerOutcome } from '../../core/logicalResponse';
import type { TokenEntry } from '../../core/tokens/tokenStore';
import { badRequest } from '../../core/vaultHttpError';

export const INVALID_WRAPPING_TOKEN = 'wrapping token is not valid or does not exist';

/** Serves `sys/wrapping/wrap`, which returns the request data wrapped for five minutes unless `X-Vault-Wrap-TTL` sets another TTL. */
export function wrapData(call: PathCall): HandlerOutcome {
  return logicalResponse(toGoValue(call.request.data ?? {}) as Map<string, GoValue>, { defaultWrapTtlSeconds: 300 });
}

/**
 * Serves `sys/wrapping/unwrap`. The wrapping token comes either as the request token or in the
 * `token` field. The stored response is returned byte for byte and the wrapping token is spent.
 */
export function unwrap(call: PathCall): HandlerOutcome {
  const context = call.request.context;
  const wrapping = findWrappingToken(context, call.fields.string('token') || call.request.clientToken || '');
  context.tokens.revoke(wrapping.id);
  return { kind: 'raw', status: 200, body: wrapping.wrappedBody ?? '' };
}

/** Serves `sys/wrapping/lookup` with where and when the wrapping token was created, without spending it. */
export function lookupWrapping(call: PathCall): HandlerOutcome {
  const context = call.request.context;
  const wrapping = findWrappingToken(context, call.fields.string('token') || call.request.clientToken || '');
  return logicalResponse(
    new Map<string, GoValue>([
      ['creation_path', wrapping.path],
      ['creation_time', formatGoTime(wrapping.creationTimeMs)],
      ['creation_ttl', wrapping.creationTtlSeconds],
    ]),
  );
}

function findWrappingToken(context: EmulatorContext, token: string): TokenEntry {
  const entry = context.tokens.find(token);
  if (entry?.wrappedBody === undefined) {
    throw badRequest(INVALID_WRAPPING_TOKEN);
  }

  return entry;
}
