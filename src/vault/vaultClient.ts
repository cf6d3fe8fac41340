import { debug, rememberSecret } from '../log';
import { classifyConnectionError, describeTimeout } from './classifyConnectionError';
import { isRedirect, redirectTarget } from './redirectTarget';
import { chooseProxy } from './proxy/chooseProxy';
import type { VaultClientOptions } from './readClientOptions';
import { httpFailure, parseSuccessBody } from './readVaultResponse';
import { isRetryableStatus, linearJitterMs, retryAfterMs } from './retryTiming';
import { sendRequest, type RawResponse } from './sendRequest';
import { VaultRequestError } from './vaultRequestError';

export interface VaultRequest {
  method: 'GET' | 'POST' | 'PUT' | 'LIST' | 'DELETE';
  /** API path without `/v1/`, such as `aws/sts/s3_access`. */
  path: string;
  /** Query parameters, sent on GET requests such as the OIDC callback. */
  query?: Record<string, string>;
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

/** Waiting and randomness, replaceable in tests. */
export interface ClientClock {
  sleep(ms: number): Promise<void>;
  random(): number;
}

type Fail = (details: Omit<ConstructorParameters<typeof VaultRequestError>[0], 'method' | 'path' | 'address'>) => VaultRequestError;

/** Creates a client that follows the official Vault client's retry, redirect and timeout rules. */
export function createVaultClient(options: VaultClientOptions, clock: Partial<ClientClock> | ClientClock['sleep'] = {}): VaultClient {
  const given = typeof clock === 'function' ? { sleep: clock } : clock;
  const fullClock: ClientClock = { sleep: given.sleep ?? defaultSleep, random: given.random ?? Math.random };
  return {
    options,
    request: (request) => sendWithRetries(options, request, fullClock),
  };
}

async function sendWithRetries(options: VaultClientOptions, request: VaultRequest, clock: ClientClock): Promise<VaultResponse> {
  const deadline = options.timeoutMs > 0 ? Date.now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const fail: Fail = (details) => new VaultRequestError({ ...details, method: request.method, path: request.path, address: options.address });
  const headers = requestHeaders(options, request);
  const socketPath = unixSocketPath(options.address);

  let url = apiUrl(options.address, request.path, request.query);
  let redirected = false;
  let retry = 0;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw fail({ kind: 'timeout', detail: describeTimeout(options, options.address) });
    }

    const proxy = socketPath === undefined ? chooseProxy(options.proxy, url) : undefined;
    debug(`vault: ${request.method} ${request.path} at ${socketPath === undefined ? url.origin : options.address}${proxy === undefined ? '' : ` through ${proxy.url.host}`} (attempt ${retry + 1})`);
    let response: RawResponse;
    try {
      response = await sendRequest({
        method: request.method,
        url,
        ...(socketPath === undefined ? {} : { socketPath }),
        ...(proxy === undefined ? {} : { proxy }),
        headers,
        body,
        tls: options.tls,
        signal: AbortSignal.timeout(Math.min(remaining, 2_147_483_647)),
      });
    } catch (error) {
      const failure = classifyConnectionError(error, options, options.address, fail);
      if (failure.kind !== 'connection' || retry >= options.maxRetries) {
        throw failure;
      }

      retry += 1;
      await waitBeforeRetry(linearJitterMs(retry, clock.random), deadline, failure, clock);
      continue;
    }

    debug(`vault: ${request.method} ${request.path} returned HTTP ${response.status}`);
    if (isRedirect(response.status) && options.followRedirects && !redirected) {
      url = redirectTarget(response, url, socketPath !== undefined, fail);
      redirected = true;
      continue;
    }

    if (isRedirect(response.status) && options.followRedirects && redirected) {
      throw fail({ kind: 'redirect', status: response.status, detail: `HTTP ${response.status} redirect after a redirect; vault-aws follows one, as the Vault CLI does, so check the api_addr of the Vault nodes for a redirect loop` });
    }

    if (response.status >= 200 && response.status < 300) {
      return { status: response.status, body: parseSuccessBody(response, fail) };
    }

    const failure = httpFailure(response, fail);
    if (!isRetryableStatus(response.status) || retry >= options.maxRetries) {
      throw failure;
    }

    retry += 1;
    await waitBeforeRetry(retryAfterMs(response) ?? linearJitterMs(retry, clock.random), deadline, failure, clock);
  }
}

/** Returns the socket path of a `unix:///path` address, over which every request goes to `http://localhost`. */
function unixSocketPath(address: string): string | undefined {
  const base = new URL(address);
  return base.protocol === 'unix:' ? decodeURIComponent(base.pathname) : undefined;
}

function apiUrl(address: string, path: string, query: Record<string, string> | undefined): URL {
  const base = new URL(address);
  const url = base.protocol === 'unix:' ? new URL(`http://localhost/v1/${encodePath(path)}`) : new URL(`${base.pathname.replace(/\/+$/, '')}/v1/${encodePath(path)}`, base);
  if (query !== undefined) {
    url.search = new URLSearchParams(query).toString();
  }

  return url;
}

function encodePath(path: string): string {
  return path.split('/').map((segment) => encodeURIComponent(segment).replace(/%40/g, '@')).join('/');
}

function requestHeaders(options: VaultClientOptions, request: VaultRequest): Record<string, string> {
  const headers: Record<string, string> = { 'X-Vault-Request': 'true', ...request.headers };
  if (request.token !== undefined) {
    rememberSecret(request.token);
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

async function waitBeforeRetry(ms: number, deadline: number, failure: VaultRequestError, clock: ClientClock): Promise<void> {
  if (Date.now() + ms >= deadline) {
    throw failure;
  }

  debug(`vault: retrying in ${ms} ms after: ${failure.message}`);
  await clock.sleep(ms);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
