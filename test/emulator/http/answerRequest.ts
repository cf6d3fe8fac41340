import type { IncomingHttpHeaders } from 'node:http';
import { quoteGo } from '../go/quoteGo';
import type { EmulatorContext } from '../core/emulatorContext';
import { VaultHttpError } from '../core/vaultHttpError';
import { dispatchLogical } from './dispatchLogical';
import { handleHealth } from './handleHealth';
import { handleLeader } from './handleLeader';
import { handleSealStatus } from './handleSealStatus';
import { errorReply, replyFromError, type Reply } from './reply';

export interface IncomingVaultRequest {
  method: string;
  /** URL path as received, starting with `/`. */
  rawPath: string;
  /** Decoded path after `/v1/`; `undefined` for paths outside `/v1/`. */
  path: string | undefined;
  query: URLSearchParams;
  /** The query string as received, with its `?`, or empty. */
  search: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  bodyTooLarge: boolean;
  requestId: string;
}

/**
 * Builds the response to one request. The Agent-style header check comes first, then the
 * endpoints a node serves for itself (health, seal status, leader), then the cluster conditions
 * (sealed, standby, overload, rate limit), and last the logical request.
 */
export function answerRequest(context: EmulatorContext, request: IncomingVaultRequest): Reply {
  try {
    return answerOrThrow(context, request);
  } catch (error) {
    if (error instanceof VaultHttpError) {
      return replyFromError(error);
    }

    // An exception other than VaultHttpError is a bug in the emulator, so it is logged and sent as Vault's 500.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`vault-emulator: internal error on ${request.method} ${request.rawPath}: ${error instanceof Error ? error.stack : message}\n`);
    return errorReply(500, [`1 error occurred:\n\t* internal error in the Vault emulator: ${message}\n\n`]);
  }
}

function answerOrThrow(context: EmulatorContext, request: IncomingVaultRequest): Reply {
  const state = context.state;
  if (state.requireRequestHeader && request.headers['x-vault-request'] !== 'true') {
    return errorReply(412, [`missing ${quoteGo('X-Vault-Request')} header`]);
  }

  const path = request.path;
  if (path === undefined) {
    return errorReply(404, []);
  }

  switch (path) {
    case 'sys/health':
      return handleHealth(context, request.method, request.query);
    case 'sys/seal-status':
      return handleSealStatus(context);
    case 'sys/leader':
      return handleLeader(context);
  }

  if (state.sealed || !state.initialized) {
    return errorReply(503, ['Vault is sealed']);
  }

  if (state.standby && !state.perfStandby) {
    return standbyReply(state.activeAddress, request);
  }

  if (state.overloaded) {
    return errorReply(503, ['overloaded, try again later']);
  }

  if (state.rateLimit !== null) {
    return rateLimitReply(path, state.rateLimit);
  }

  return dispatchLogical(context, { ...request, path });
}

/** Redirects to the active node with the original path and query and an empty body, as a standby that cannot forward does. */
function standbyReply(activeAddress: string | null, request: IncomingVaultRequest): Reply {
  if (activeAddress === null || activeAddress === '') {
    return errorReply(503, ['no active Vault instance found']);
  }

  const base = /^[a-z][a-z0-9+.-]*:\/\//i.test(activeAddress) ? activeAddress : `https://${activeAddress}`;
  const target = new URL(base);
  const location = `${target.protocol}//${target.host}${request.rawPath}${request.search}`;
  return { status: 307, headers: { Location: location }, body: '' };
}

function rateLimitReply(path: string, rateLimit: { retryAfterSeconds?: number; limit?: number }): Reply {
  const headers: Record<string, string> = {};
  if (rateLimit.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(rateLimit.retryAfterSeconds);
    headers['X-RateLimit-Limit'] = String(rateLimit.limit ?? 10);
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset'] = String(rateLimit.retryAfterSeconds);
  }

  return errorReply(429, [`request path ${quoteGo(path)}: rate limit quota exceeded`], headers);
}
