import type { GoValue } from '../../go/marshalGoJson';
import { capabilitiesFor } from '../../core/acl/capabilitiesFor';
import type { PathCall } from '../../core/framework/pathSpec';
import { logicalResponse, type HandlerOutcome } from '../../core/logicalResponse';
import { badRequest } from '../../core/vaultHttpError';

/**
 * Serves `sys/capabilities-self` with the sorted capabilities of the request token for each path.
 * With exactly one path it adds the compatibility key `capabilities`. The data keys are also
 * copied to the top level of the response.
 */
export function capabilitiesSelf(call: PathCall): HandlerOutcome {
  const { request, fields } = call;
  let paths = fields.get<string[]>('paths') ?? [];
  if (paths.length === 0) {
    paths = fields.get<string[]>('path') ?? [];
  }

  if (paths.length === 0) {
    throw badRequest('paths must be supplied');
  }

  const token = request.token;
  const data = new Map<string, GoValue>();
  for (const path of paths) {
    data.set(path, token === undefined ? ['deny'] : capabilitiesFor(token, path, request.context.policies));
  }

  if (paths.length === 1) {
    data.set('capabilities', data.get(paths[0] ?? '') ?? null);
  }

  return logicalResponse(data, { injectDataAtTopLevel: true });
}
