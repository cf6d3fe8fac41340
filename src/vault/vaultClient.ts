import { debug } from '../log';
import type { VaultClientOptions } from './readClientOptions';
import { sendRequest, type RawResponse } from './sendRequest';
import { readableVaultErrors, VaultRequestError } from './vaultRequestError';

export interface VaultRequest {
  method: 'GET' | 'POST' | 'PUT' | 'LIST' | 'DELETE';
  /** API path without `/v1/`, such as `aws/sts/s3_access`. */
  path: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface VaultResponse {
  status: number;
  /** The parsed JSON body; undefined for an empty body (204). */
  body: Record<string, unknown> | undefined;
}

export interface VaultClient {
  readonly options: VaultClientOptions;
  request(request: VaultRequest): Promise<VaultResponse>;
}

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
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** Creates a client that follows the official Vault client's retry, redirect and timeout rules. */
export function createVaultClient(options: VaultClientOptions, sleep: (ms: number) => Promise<void> = defaultSleep): VaultClient {
  return {
    options,
    request: (request) => sendWithRetries(options, request, sleep),
  };
}

async function sendWithRetries(options: VaultClientOptions, request: VaultRequest, sleep: (ms: number) => Promise<void>): Promise<VaultResponse> {
  const deadline = options.timeoutMs > 0 ? Date.now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const fail = (details: Omit<ConstructorParameters<typeof VaultRequestError>[0], 'method' | 'path' | 'address'>): VaultRequestError =>
    new VaultRequestError({ ...details, method: request.method, path: request.path, address: options.address });

  let url = apiUrl(options.address, request.path);
  let redirected = false;
  let attempt = 0;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw fail({ kind: 'timeout', detail: `no answer within ${options.timeoutMs / 1000} s (VAULT_CLIENT_TIMEOUT); check that Vault at ${options.address} is up` });
    }

    debug(`vault: ${request.method} ${request.path} at ${url.origin === 'null' ? options.address : url.origin} (attempt ${attempt + 1})`);
    let response: RawResponse;
    try {
      response = await sendRequest({
        method: request.method,
        url: url.protocol === 'unix:' ? new URL(`http://localhost/v1/${encodePath(request.path)}`) : url,
        ...(url.protocol === 'unix:' ? { socketPath: url.pathname } : {}),
        headers: requestHeaders(options, request),
        body,
        tls: options.tls,
        signal: AbortSignal.timeout(Math.min(remaining, 2_147_483_647)),
      });
    } catch (error) {
      const failure = classifyConnectionError(error, options, fail);
      if (failure.kind !== 'connection' || attempt >= options.maxRetries) {
        throw failure;
      }

      attempt += 1;
      await waitBeforeRetry(linearJitterMs(attempt), deadline, failure, sleep);
      continue;
    }

    debug(`vault: ${request.method} ${request.path} answered HTTP ${response.status}`);
    if (isRedirect(response.status) && options.followRedirects && !redirected) {
      url = redirectTarget(response, url, fail);
      redirected = true;
      continue;
    }

    if (response.status >= 200 && response.status < 300) {
      return { status: response.status, body: parseSuccessBody(response, fail) };
    }

    const failure = httpFailure(response, fail);
    if (!isRetryableStatus(response.status) || attempt >= options.maxRetries) {
      throw failure;
    }

    attempt += 1;
    await waitBeforeRetry(retryAfterMs(response) ?? linearJitterMs(attempt), deadline, failure, sleep);
  }
}

function apiUrl(address: string, path: string): URL {
  const base = new URL(address);
  if (base.protocol === 'unix:') {
    return base;
  }

  return new URL(`${base.pathname.replace(/\/+$/, '')}/v1/${encodePath(path)}`, base);
}

function encodePath(path: string): string {
  return path.split('/').map((segment) => encodeURIComponent(segment).replace(/%40/g, '@')).join('/');
}

function requestHeaders(options: VaultClientOptions, request: VaultRequest): Record<string, string> {
  const headers: Record<string, string> = { 'X-Vault-Request': 'true', ...request.headers };
  if (request.token !== undefined) {
    headers['X-Vault-Token'] = request.token;
  }

  if (options.namespace !== undefined && options.namespace !== '') {
    headers['X-Vault-Namespace'] = options.namespace;
  }

  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  return headers;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 307;
}

/** Retried like the official client: 412, 429 and every 5xx except 501. */
function isRetryableStatus(status: number): boolean {
  return status === 412 || status === 429 || (status >= 500 && status !== 501);
}

type Fail = (details: Omit<ConstructorParameters<typeof VaultRequestError>[0], 'method' | 'path' | 'address'>) => VaultRequestError;

function redirectTarget(response: RawResponse, current: URL, fail: Fail): URL {
  const location = response.headers.location;
  if (location === undefined || location === '') {
    throw fail({ kind: 'redirect', status: response.status, detail: `HTTP ${response.status} redirect without a Location header` });
  }

  const target = new URL(location, current.protocol === 'unix:' ? 'http://localhost' : current);
  if (current.protocol === 'https:' && target.protocol !== 'https:') {
    throw fail({ kind: 'redirect', status: response.status, detail: `redirect to ${target.origin} would cause protocol downgrade from https` });
  }

  debug(`vault: following HTTP ${response.status} redirect to ${target.origin}`);
  return target;
}

function parseSuccessBody(response: RawResponse, fail: Fail): Record<string, unknown> | undefined {
  if (response.body.trim() === '') {
    return undefined;
  }

  try {
    const parsed: unknown = JSON.parse(response.body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Reported below.
  }

  throw fail({ kind: 'invalid-response', status: response.status, detail: `HTTP ${response.status} with a body that is not a JSON object (${describeBody(response)})` });
}

function httpFailure(response: RawResponse, fail: Fail): VaultRequestError {
  let errors: string[] = [];
  let parsed = false;
  try {
    const body: unknown = JSON.parse(response.body);
    if (typeof body === 'object' && body !== null) {
      errors = readableVaultErrors((body as Record<string, unknown>)['errors']);
      parsed = true;
    }
  } catch {
    parsed = false;
  }

  const detail = parsed
    ? `HTTP ${response.status}${errors.length > 0 ? `: ${errors.join('; ')}` : ''}`
    : `HTTP ${response.status} with ${describeBody(response)}, not a Vault answer; a proxy or load balancer may be in the way`;
  return fail({ kind: 'http', status: response.status, vaultErrors: errors, detail });
}

function describeBody(response: RawResponse): string {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('html') || /^\s*</.test(response.body)) {
    const title = /<title>([^<]{1,100})<\/title>/i.exec(response.body)?.[1]?.trim();
    return title === undefined ? 'an HTML page' : `an HTML page titled ${JSON.stringify(title)}`;
  }

  return response.body.trim() === '' ? 'an empty body' : `a ${Buffer.byteLength(response.body)}-byte body that is not valid JSON`;
}

function classifyConnectionError(error: unknown, options: VaultClientOptions, fail: Fail): VaultRequestError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ABORT_ERR') {
    return fail({ kind: 'timeout', detail: `no answer within ${options.timeoutMs / 1000} s (VAULT_CLIENT_TIMEOUT); check that Vault at ${options.address} is up`, cause: error });
  }

  if (TLS_VERIFY_CODES.has(code)) {
    return fail({
      kind: 'tls',
      detail: `the server certificate did not verify (${code}); set VAULT_CACERT to the CA file that signed it`,
      cause: error,
    });
  }

  const reason = code === '' ? (error as Error).message : `${code}${code === 'ECONNRESET' ? ', connection dropped' : ''}`;
  return fail({ kind: 'connection', detail: `cannot reach Vault (${reason}); check VAULT_ADDR and that Vault is running`, cause: error });
}

/** `Retry-After` in seconds or as an HTTP date, for 429 and 503 answers. */
function retryAfterMs(response: RawResponse): number | undefined {
  if (response.status !== 429 && response.status !== 503) {
    return undefined;
  }

  const header = response.headers['retry-after'];
  if (typeof header !== 'string' || header.trim() === '') {
    return undefined;
  }

  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }

  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The official client's linear jitter: attempt × a random 1000 to 1500 ms. */
function linearJitterMs(attempt: number): number {
  return attempt * (1000 + Math.floor(Math.random() * 500));
}

async function waitBeforeRetry(ms: number, deadline: number, failure: VaultRequestError, sleep: (ms: number) => Promise<void>): Promise<void> {
  if (Date.now() + ms >= deadline) {
    throw failure;
  }

  debug(`vault: retrying in ${ms} ms after: ${failure.message}`);
  await sleep(ms);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
