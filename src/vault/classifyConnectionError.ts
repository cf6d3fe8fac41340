import type { VaultRequestError } from './vaultRequestError';

type Fail = (details: Omit<ConstructorParameters<typeof VaultRequestError>[0], 'method' | 'path' | 'address'>) => VaultRequestError;

/** Node's error codes for a server certificate that does not verify; retrying cannot help. */
const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * Turns an error of one attempt into a VaultRequestError. Only kind `connection` is retried: a
 * certificate that does not verify, a client certificate the server rejects and a proxy that
 * refuses the tunnel fail the same way on every attempt.
 */
export function classifyConnectionError(error: unknown, timeout: { timeoutMs: number; timeoutSource: string }, address: string, fail: Fail): VaultRequestError {
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  const name = (error as Error).name;
  const proxy = (error as { proxy?: string }).proxy;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ABORT_ERR') {
    return fail({ kind: 'timeout', detail: describeTimeout(timeout, address), cause: error });
  }

  // The server responded, but not as a Vault server does, so a retry would get the same response.
  if (code === 'ERESPONSETOOLARGE') {
    return fail({ kind: 'invalid-response', detail: `the server sent ${(error as Error).message}, more than any Vault response; check that the address points at Vault`, cause: error });
  }

  if (code.startsWith('HPE_')) {
    return fail({ kind: 'invalid-response', detail: `the server's answer is not valid HTTP (${code}); check that the address points at Vault and not at another service`, cause: error });
  }

  if (TLS_VERIFY_CODES.has(code)) {
    return fail({ kind: 'tls', detail: `the server certificate did not verify (${code}); set VAULT_CACERT to the CA file that signed it`, cause: error });
  }

  if (/^ERR_SSL_.*ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)/.test(code)) {
    return fail({ kind: 'tls', detail: `the server rejected the TLS handshake (${code}); check VAULT_CLIENT_CERT and VAULT_CLIENT_KEY`, cause: error });
  }

  if (code === 'EPROTO' && /wrong version number|packet length too long|unknown protocol/i.test((error as Error).message)) {
    return fail({ kind: 'tls', detail: `the TLS handshake failed because the server does not speak TLS (EPROTO); if Vault listens on plain HTTP, use an http:// address`, cause: error });
  }

  if (code === 'EPROXYREFUSED') {
    return fail({ kind: 'proxy', detail: `${(error as Error).message}; check the proxy and its credentials, or add the Vault host to NO_PROXY`, cause: error });
  }

  const reason = code === '' ? (error as Error).message : `${code}${code === 'ECONNRESET' ? ', connection dropped' : ''}`;
  if (proxy !== undefined) {
    return fail({ kind: 'connection', detail: `cannot reach Vault through the proxy ${proxy} (${reason}); check the proxy address`, cause: error });
  }

  return fail({ kind: 'connection', detail: `cannot reach Vault (${reason}); check the address and that Vault is running`, cause: error });
}

/** Says that a call timed out, after how long, what set that limit, and what to check. */
export function describeTimeout(timeout: { timeoutMs: number; timeoutSource: string }, address: string): string {
  return `timed out after ${timeout.timeoutMs / 1000} s without a complete response (${timeout.timeoutSource}); check that Vault at ${address} is up`;
}
