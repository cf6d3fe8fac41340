import type { Backend, PathCall, PathSpec } from '../../core/framework/pathSpec';
import { logicalResponse, type HandlerOutcome } from '../../core/logicalResponse';
import { permissionDenied } from '../../core/vaultHttpError';
import { lookupSelfData } from './lookupSelfData';

/** Creates the token store mount `auth/token/`, of which only `lookup-self` is emulated. */
export function createTokenBackend(): Backend {
  return { type: 'token', paths: () => TOKEN_PATHS };
}

const TOKEN_PATHS: readonly PathSpec[] = [
  {
    pattern: /^lookup-self$/,
    fields: { token: 'string' },
    operations: { read: lookupSelf, update: lookupSelf },
    synopsis: 'This endpoint will lookup a token and its properties.',
  },
];

function lookupSelf(call: PathCall): HandlerOutcome {
  const token = call.request.token;
  if (token === undefined) {
    throw permissionDenied();
  }

  return logicalResponse(lookupSelfData(token, call.request.context.vaultNow()));
}
