import { formatMultiError } from '../go/formatMultiError';

/** A failed request: the status and the `errors` array of Vault's JSON error body. */
export class VaultHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly string[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(errors.join('; ') || `HTTP ${status}`);
  }
}

/** Builds a handler's error response (`logical.ErrorResponse`), which is 400 with the text as is. */
export function badRequest(message: string): VaultHttpError {
  return new VaultHttpError(400, [message]);
}

/** Builds an error that passed through Vault core, where go-multierror wraps it. */
export function coreError(status: number, ...messages: string[]): VaultHttpError {
  return new VaultHttpError(status, [formatMultiError(messages)]);
}

export function permissionDenied(): VaultHttpError {
  return coreError(403, 'permission denied');
}

/** Builds the 403 for a bad, expired or used-up token; Vault 1.17.0 and later name the token problem as a second error. */
export function invalidToken(invalidTokenError: boolean): VaultHttpError {
  return invalidTokenError ? coreError(403, 'permission denied', 'invalid token') : permissionDenied();
}

export function unsupportedPath(): VaultHttpError {
  return coreError(404, 'unsupported path');
}

export function unsupportedOperation(): VaultHttpError {
  return coreError(405, 'unsupported operation');
}
